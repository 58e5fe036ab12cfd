import StatikCore
import Testing

/// Slugs as URLs and heading ids use them (the expected values are what the first version, which
/// went through String.lowercased() and a String per letter, made).
@Suite struct SlugTests {
    @Test(arguments: [
        ("Sm\u{e5}land med \u{f6}arna", "smaland-med-oarna"),
        ("\u{d6}vre Norrland", "ovre-norrland"),
        ("PO 1", "po-1"),
        ("\u{c4}rende \u{2013} \u{c4}ndrat!", "arende-andrat"),
        ("  --x--  ", "x"),
        ("Stra\u{df}e", "strasse"),
        ("\u{c6}ble\u{f8}", "aebleo"),
        ("\u{c5}\u{c4}\u{d6}", "aao"),
        ("Cr\u{e8}me br\u{fb}l\u{e9}e", "creme-brulee"),
        ("e\u{301}te", "ete"),
        ("\u{130}stanbul", "istanbul"),
        ("Tabell 2. Deltagare (antal)", "tabell-2-deltagare-antal"),
        ("\u{c5}ngermanland & J\u{e4}mtland", "angermanland-jamtland"),
        ("50 % av 7 674", "50-av-7-674"),
        ("\u{c9}COLE", "ecole"),
        ("\u{de}\u{f3}r", "thor"),
        ("Ni\u{f1}o", "nino"),
        ("", ""),
        ("\u{2014}\u{2014}\u{2014}", ""),
        ("\u{e5}r2020", "ar2020"),
    ])
    func slugs(_ text: String, _ expected: String) {
        #expect(slug(text) == expected)
    }
}
