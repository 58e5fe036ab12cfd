/// A URL slug from a Swedish name: `Småland med öarna` → `smaland-med-oarna`.
///
/// Letters lose their accents (å, ä → a; ö → o; é → e), everything else but a–z and 0–9 becomes
/// a hyphen, and hyphens never double or stand at either end.
public func slug(_ text: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    var pendingHyphen = false
    func keep(_ byte: UInt8) {
        if pendingHyphen && !out.isEmpty { out.append(UInt8(ascii: "-")) }
        pendingHyphen = false
        out.append(byte)
    }
    func add(_ scalar: Unicode.Scalar) {
        switch scalar.value {
        case 0x61...0x7A, 0x30...0x39: keep(UInt8(scalar.value))
        case 0x41...0x5A: keep(UInt8(scalar.value) + 0x20)  // A–Z
        case 0x0300...0x036F: break  // a combining accent: dropped with no hyphen
        case ..<0x80: pendingHyphen = true
        default:
            // Beyond ASCII: lower-cased as Unicode does, then without its accent.
            for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                if let base = baseLetter(lower) {
                    for byte in base.utf8 { keep(byte) }
                } else if lower.isASCII {
                    add(lower)
                } else if !(0x0300...0x036F).contains(lower.value) {
                    pendingHyphen = true
                }
            }
        }
    }
    for scalar in text.unicodeScalars { add(scalar) }
    return String(decoding: out, as: UTF8.self)
}

private func baseLetter(_ scalar: Unicode.Scalar) -> String? {
    switch scalar {
    case "å", "ä", "à", "á", "â", "ã", "ā": "a"
    case "ö", "ø", "ò", "ó", "ô", "õ": "o"
    case "é", "è", "ê", "ë": "e"
    case "ü", "ù", "ú", "û": "u"
    case "í", "ì", "î", "ï": "i"
    case "ç": "c"
    case "ñ": "n"
    case "ß": "ss"
    case "æ": "ae"
    case "þ": "th"
    case "ð": "d"
    default: nil
    }
}

