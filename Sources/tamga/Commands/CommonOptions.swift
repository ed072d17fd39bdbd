import ArgumentParser
import Foundation
import TamgaIngest
import TamgaModel
import TamgaPipeline
import TamgaStore
import TamgaRules
import TamgaScreening

/// Where the store and the configuration are.
struct StoreOptions: ParsableArguments {
  @Option(name: .long, help: "The case store (default: $TAMGA_STORE or ./tamga.db).")
  var store: String?

  @Option(name: .long, help: "A YAML configuration file (default: $TAMGA_CONFIG or ./tamga.yaml if present).")
  var config: String?

  var storePath: String {
    store ?? ProcessInfo.processInfo.environment["TAMGA_STORE"].flatMap { $0.isEmpty ? nil : $0 } ?? "tamga.db"
  }

  /// The configuration file to read, if any.
  var configPath: String? {
    if let config { return config }
    if let path = ProcessInfo.processInfo.environment["TAMGA_CONFIG"], !path.isEmpty { return path }
    return FileManager.default.fileExists(atPath: "tamga.yaml") ? "tamga.yaml" : nil
  }

  func loadConfiguration() throws -> TamgaConfiguration {
    guard let path = configPath else { return TamgaConfiguration() }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw Failure(.config, "\(path): cannot read the configuration file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw Failure(.config, "\(path): the configuration file is not UTF-8")
    }
    do {
      return try TamgaConfiguration(
        yaml: text, source: path, directory: URL(fileURLWithPath: path).deletingLastPathComponent().path)
    } catch {
      throw Failure(.config, error.description)
    }
  }

  func openForWriting() throws -> CaseStore {
    let clock = try Self.recordingClock()
    return try Failure.wrap { try CaseStore(path: storePath, clock: clock) }
  }

  func openForReading() throws -> CaseStore {
    let clock = try Self.recordingClock()
    return try Failure.wrap { try CaseStore(readingExisting: storePath, clock: clock) }
  }

  /// The time case work is recorded at: the wall clock, or the RFC 3339 time in `TAMGA_CLOCK`,
  /// which pins it (for a training store worked through historic files, and for tests whose
  /// output must not depend on today).
  static func recordingClock() throws -> @Sendable () -> Timestamp {
    guard let text = ProcessInfo.processInfo.environment["TAMGA_CLOCK"], !text.isEmpty else { return CaseStore.wallClock }
    guard let pinned = Timestamp(rfc3339: text) else {
      throw Failure(.config, "TAMGA_CLOCK must be an RFC 3339 time (2026-03-02T09:00:00Z), not \(text)")
    }
    return { pinned }
  }
}

/// How listings are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json, csv
}

/// A failure the command line reports in one line and turns into an exit code.
struct Failure: Error, CustomStringConvertible {
  enum Kind: Int32 {
    case general = 1
    /// `tamga audit verify` found the chain broken.
    case auditBroken = 2
    case rejectedRows = 3
    /// Someone else changed the case first; read it again and retry.
    case conflict = 4
    case usage = 64
    /// The user may not do this: not configured, wrong role, or four-eyes.
    case refused = 77
    case unusableInput = 65
    case missingInput = 66
    case storeFailed = 74
    case storeBusy = 75
    case config = 78
  }

  var kind: Kind
  var description: String

  init(_ kind: Kind, _ description: String) {
    self.kind = kind
    self.description = description
  }

  /// Runs `body`, translating the library's errors into exit codes.
  static func wrap<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as IngestError {
      throw Failure(error.code == .unreadableSource ? .missingInput : .unusableInput, error.description)
    } catch let error as StoreError {
      switch error.code {
      case .missing: throw Failure(.missingInput, error.description)
      case .busy: throw Failure(.storeBusy, error.description)
      case .conflict: throw Failure(.conflict, error.description)
      case .incompatible, .database: throw Failure(.storeFailed, error.description)
      }
    } catch let error as CaseWorkError {
      switch error.code {
      case .noSuchCase: throw Failure(.general, error.description)
      case .refused: throw Failure(.refused, error.description)
      case .invalid: throw Failure(.usage, error.description)
      }
    } catch let error as ConfigurationError {
      throw Failure(.config, error.description)
    } catch let error as ListLoadError {
      if case .fileMissing = error { throw Failure(.missingInput, error.description) }
      throw Failure(.unusableInput, error.description)
    } catch let error as SnapshotError {
      throw Failure(.storeFailed, "the store's engine state cannot be read: \(error)")
    }
  }
}

extension ParsableCommand {
  /// Prints a failure as `tamga: error: …` and exits with its code.
  static func exit(with failure: Failure) -> Never {
    FileHandle.standardError.write(Data("tamga: error: \(failure.description)\n".utf8))
    Foundation.exit(failure.kind.rawValue)
  }

  /// Runs a command body; library errors become one line on standard error and an exit code.
  func reporting(_ body: () throws -> Void) throws {
    do {
      try Failure.wrap(body)
    } catch let failure as Failure {
      Self.exit(with: failure)
    }
  }
}

func printError(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}

var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }
