import Foundation
public import TamgaModel
import TamgaIngest
public import TamgaScreening
public import TamgaStore

/// What `tamga lists load` did.
public struct ListLoadOutcome: Sendable {
  /// The snapshot recorded, or the one already holding these bytes.
  public var snapshot: ListSnapshotRecord
  /// The snapshot of the same name this one replaced.
  public var previous: ListSnapshotRecord?
  /// Rows the list's reader refused (also stored with the snapshot).
  public var rejections: [ListRejection]
  /// The newest snapshot of this name already had the same SHA-256: nothing was recorded.
  public var wasAlreadyLoaded: Bool
  /// The cases the re-screen's alerts opened or joined.
  public var cases = EscalationOutcome()
}

/// Loads a list file into a new snapshot and screens the customer base against what changed.
///
/// One transaction: the snapshot, its entries, the rows the reader refused, and the alerts of
/// the re-screen commit together, so a failed or killed load leaves the previous snapshot in
/// force and nothing half-screened. Only added and changed entries are screened again (an
/// unchanged entry found nothing new, or found it before and its alert stands); their alerts
/// carry the load time as event time, because the list change is the event.
public enum ListUpdate {
  public static func load(
    _ format: ListFormat, path: String, name: String? = nil, purpose: ListPurpose? = nil,
    into store: CaseStore, configuration: TamgaConfiguration = TamgaConfiguration(), at now: Timestamp
  ) throws -> ListLoadOutcome {
    let purpose = purpose ?? format.defaultPurpose
    if let problem = format.problem(with: purpose) { throw ListLoadError.fileUnreadable(path: path, reason: problem) }
    let snapshotName = name ?? format.rawValue
    let url = URL(fileURLWithPath: path)
    // Labels name their entries after the snapshot: two vendors' files may label the same
    // address, and each label must stay its own entry.
    let (loaded, sha256) = try read(format, url, listName: format == .labels ? snapshotName : nil)
    let previous = try store.newestListSnapshot(named: snapshotName)
    if let previous, previous.sha256 == sha256 {
      return ListLoadOutcome(snapshot: previous, previous: nil, rejections: loaded.rejections, wasAlreadyLoaded: true)
    }
    let entries = loaded.entries.map(FingerprintedEntry.init)
    let previousEntries = try previous.map { try storedEntries(of: $0, in: store) } ?? []
    let changes = ListChanges(from: previousEntries, to: entries)
    let clearances = try store.screeningClearances()

    // Distinct addresses, counted by the address book itself (with the fingerprints just made).
    let addressCount = AddressBook(entries: loaded.entries, fingerprints: entries.map(\.fingerprint)).count
    var snapshot = ListSnapshotRecord(
      name: snapshotName, format: format.rawValue, purpose: purpose.rawValue, source: path, sha256: sha256,
      entryCount: entries.count, addressCount: addressCount,
      rejectionCount: loaded.rejections.count, previousID: previous?.id, loadedAt: now)
    snapshot.addedCount = changes.added.count
    snapshot.changedCount = changes.changed.count
    snapshot.removedCount = changes.removed.count
    var cases = EscalationOutcome()
    snapshot = try store.write { batch in
      snapshot.id = try batch.beginListSnapshot(snapshot)
      try batch.insert(
        entries.map {
          StoredListEntry(
            list: $0.entry.list, entryID: $0.entry.id, fingerprint: $0.fingerprint, body: $0.canonicalJSON,
            name: $0.entry.primaryName, programs: $0.entry.programs,
            addresses: $0.entry.walletAddresses.map {
              StoredListAddress(chain: $0.chain, asset: $0.asset, original: $0.original, normalized: $0.normalized)
            })
        }, snapshot: snapshot.id)
      for rejection in loaded.rejections {
        try batch.insertListRejection(
          file: rejection.file, line: rejection.line, column: rejection.column, reason: rejection.reason, snapshot: snapshot.id)
      }
      let toScreen = changes.toScreen
      // Labels alert on transfers that meet their addresses, never on the customer base itself.
      if configuration.screening.isEnabled && purpose.screensCustomers && !toScreen.isEmpty {
        let source = ScreeningLists.Source(snapshotID: snapshot.id, name: snapshotName, purpose: purpose, sha256: sha256)
        let screener = CustomerScreener(
          lists: .changed(toScreen, source: source), configuration: configuration.screening, clearances: clearances)
        let occasion = "snapshot \(snapshot.id)"
        var run: [CustomerRecord] = []
        func screenRun() throws {
          for alerts in screener.alerts(forRun: run, moment: { _ in (now, occasion) }) {
            for alert in alerts where try batch.insert(alert, listSnapshot: snapshot.id) { snapshot.alertsRaised += 1 }
          }
          snapshot.customersScreened += run.count
          run.removeAll(keepingCapacity: true)
        }
        try batch.forEachCurrentCustomerRecord { record in
          run.append(record)
          if run.count == CustomerPass.runLength { try screenRun() }
        }
        try screenRun()
      }
      cases = try Escalation(policy: configuration.escalation).group(batch.storedAlerts, in: batch.cases)
      try batch.finishListSnapshot(snapshot)
      return snapshot
    }
    return ListLoadOutcome(
      snapshot: snapshot, previous: previous, rejections: loaded.rejections, wasAlreadyLoaded: false, cases: cases)
  }

  /// A stored snapshot's entries, read back with their fingerprints.
  public static func storedEntries(of snapshot: ListSnapshotRecord, in store: CaseStore) throws -> [FingerprintedEntry] {
    try store.listEntries(snapshot: snapshot.id).map { stored in
      guard let entry = FingerprintedEntry(canonicalJSON: stored.body, fingerprint: stored.fingerprint) else {
        throw StoreError(.incompatible, "list snapshot \(snapshot.id) holds an entry that cannot be read: \(stored.list):\(stored.entryID)")
      }
      return entry
    }
  }

  // MARK: - Reading the source

  /// The list and the SHA-256 of what was given: the file itself, or for a folder the SHA-256 of
  /// its read files' "name sha256" lines in name order. A `.bz2` file (OFAC publishes the
  /// Advanced XML so) is unpacked with the system's bunzip2 into a temporary file first.
  static func read(_ format: ListFormat, _ url: URL, listName: String? = nil) throws -> (ListLoad, String) {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
      throw ListLoadError.fileMissing(path: url.path)
    }
    if format.readsFolder && !isFolder.boolValue {
      throw ListLoadError.fileUnreadable(path: url.path, reason: "\(format.rawValue) reads a folder of OFAC CSV files, not a file")
    }
    if url.pathExtension == "bz2" {
      let sha256 = try FileProbe.sha256(of: SourceFile(path: url.path))
      return (try withUnpacked(url) { try format.load($0, listName: listName) }, sha256)
    }
    let load = try format.load(url, listName: listName)
    if !isFolder.boolValue { return (load, try FileProbe.sha256(of: SourceFile(path: url.path))) }
    var manifest = ""
    for file in load.sourceFiles.sorted() {
      manifest += "\(URL(fileURLWithPath: file).lastPathComponent) \(try FileProbe.sha256(of: SourceFile(path: file)))\n"
    }
    var digest = SHA256Digest()
    manifest.utf8CString.withUnsafeBytes { digest.update(UnsafeRawBufferPointer(rebasing: $0.dropLast())) }
    return (load, digest.hex())
  }

  static func withUnpacked<T>(_ archive: URL, _ body: (URL) throws -> T) throws -> T {
    let bunzip2 = "/usr/bin/bunzip2"
    guard FileManager.default.isExecutableFile(atPath: bunzip2) else {
      throw ListLoadError.fileUnreadable(path: archive.path, reason: "a .bz2 file needs \(bunzip2); unpack it and load the .xml")
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tamga-list-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let unpacked = folder.appendingPathComponent(archive.deletingPathExtension().lastPathComponent)
    _ = FileManager.default.createFile(atPath: unpacked.path, contents: nil)
    let output = try FileHandle(forWritingTo: unpacked)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: bunzip2)
    process.arguments = ["-c", archive.path]
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try output.close()
    guard process.terminationStatus == 0 else {
      throw ListLoadError.fileUnreadable(path: archive.path, reason: "bunzip2 failed: the archive is damaged or not bzip2")
    }
    return try body(unpacked)
  }
}

extension ListFormat {
  /// What a hit means when the command line does not say: exposure for address labels,
  /// sanctions for every published list.
  public var defaultPurpose: ListPurpose { self == .labels ? .exposure : .sanctions }

  /// Why `purpose` cannot go with this format, or nil: labels carry their own categories and are
  /// only ever exposure, and a list of parties has no categories to be exposure to.
  public func problem(with purpose: ListPurpose) -> String? {
    switch (self == .labels, purpose == .exposure) {
    case (true, false): "address labels are loaded for exposure only, not as \(purpose.rawValue)"
    case (false, true): "only address labels (labels) can be loaded for exposure"
    default: nil
    }
  }
}
