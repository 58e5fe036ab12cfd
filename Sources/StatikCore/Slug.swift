/// A URL slug from a Swedish name: `Småland med öarna` → `smaland-med-oarna`.
///
/// Letters lose their accents (å, ä → a; ö → o; é → e), everything else but a–z and 0–9 becomes
/// a hyphen, and hyphens never double or stand at either end.
public func slug(_ text: String) -> String {
    var out = ""
    var pendingHyphen = false
    for scalar in text.lowercased().unicodeScalars {
        let base = baseLetter(scalar)
        for ch in base.unicodeScalars {
            if ("a"..."z").contains(ch) || ("0"..."9").contains(ch) {
                if pendingHyphen && !out.isEmpty { out += "-" }
                pendingHyphen = false
                out.unicodeScalars.append(ch)
            } else if !isCombiningMark(ch) {
                pendingHyphen = true
            }
        }
    }
    return out
}

private func baseLetter(_ scalar: Unicode.Scalar) -> String {
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
    default: String(scalar)
    }
}

private func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
    (0x0300...0x036F).contains(scalar.value)
}
