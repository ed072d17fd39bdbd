internal import Foundation

/// One CSV record with the line it starts on, so rejections can point the analyst at the row.
struct ListCSVRecord: Sendable {
  var line: Int
  var fields: [String]
  /// The file ended inside a quoted field: the record is truncated and must not be trusted.
  var unterminatedQuote: Bool
}

/// A small RFC 4180 reader for list files: quoted fields, doubled quotes, CRLF or LF, newlines
/// inside quotes, and a leading UTF-8 byte-order mark dropped.
///
/// Lists are a few megabytes at most, so the whole file is read at once; the scan is a single pass
/// over the bytes. It is lenient on purpose (a stray quote inside an unquoted field is kept as
/// text) because judging a row is the loader's job, with a reason the analyst can read.
enum ListCSVReader {
  static func read(contentsOf url: URL) throws(ListLoadError) -> [ListCSVRecord] {
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw .fileMissing(path: url.path)
    }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw .fileUnreadable(path: url.path, reason: String(describing: error))
    }
    return parse(Array(data))
  }

  static func parse(_ text: String) -> [ListCSVRecord] {
    parse(Array(text.utf8))
  }

  static func parse(_ bytes: [UInt8]) -> [ListCSVRecord] {
    let quote = UInt8(ascii: "\"")
    let comma = UInt8(ascii: ",")
    let cr = UInt8(ascii: "\r")
    let lf = UInt8(ascii: "\n")
    var records: [ListCSVRecord] = []
    var fields: [String] = []
    var field: [UInt8] = []
    var inQuotes = false
    var atFieldStart = true
    var line = 1
    var recordLine = 1
    var index = 0
    // Skip a UTF-8 byte-order mark: it is an encoding marker, not part of the first field.
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }

    func endField() {
      fields.append(String(decoding: field, as: UTF8.self))
      field.removeAll(keepingCapacity: true)
      atFieldStart = true
    }
    func endRecord() {
      endField()
      records.append(ListCSVRecord(line: recordLine, fields: fields, unterminatedQuote: false))
      fields.removeAll(keepingCapacity: true)
    }

    while index < bytes.count {
      let byte = bytes[index]
      if inQuotes {
        if byte == quote {
          if index + 1 < bytes.count, bytes[index + 1] == quote {
            field.append(quote)
            index += 1
          } else {
            inQuotes = false
          }
        } else {
          if byte == lf { line += 1 }
          field.append(byte)
        }
      } else if byte == quote, atFieldStart {
        inQuotes = true
        atFieldStart = false
      } else if byte == comma {
        endField()
      } else if byte == lf || byte == cr {
        if byte == cr, index + 1 < bytes.count, bytes[index + 1] == lf { index += 1 }
        endRecord()
        line += 1
        recordLine = line
      } else {
        field.append(byte)
        atFieldStart = false
      }
      index += 1
    }
    if inQuotes {
      fields.append(String(decoding: field, as: UTF8.self))
      records.append(ListCSVRecord(line: recordLine, fields: fields, unterminatedQuote: true))
    } else if !field.isEmpty || !fields.isEmpty {
      endRecord()
    }
    return records
  }

  /// Whether a record carries nothing: an empty line, or OFAC's end-of-file marker (a line
  /// holding only byte 0x1A, the old DOS end-of-file character), which is not a record.
  static func isBlank(_ record: ListCSVRecord) -> Bool {
    record.fields.allSatisfy { field in
      field.unicodeScalars.allSatisfy { $0 == "\u{1A}" || $0 == " " || $0 == "\t" }
    }
  }
}
