import Foundation
import StatikCore
@testable import StatikSite
import Testing

/// Old addresses (`aliases:`): written as page paths are, and nothing that is not a path.
@Suite struct AliasTests {
    @Test(arguments: [
        ("deltagare", "deltagare/"), ("/deltagare/", "deltagare/"), ("deltagare/", "deltagare/"),
        ("/gamla//esf/", "gamla/esf/"), ("rapport-2023.html", "rapport-2023.html"), ("/region/skåne/", "region/skåne/"),
    ])
    func addressesAreNormalisedAsPagePaths(_ written: String, _ path: String) {
        #expect(AliasPlan.normalised(written) == path)
    }

    @Test(arguments: ["https://example.se/x/", "javascript:alert(1)", "../utanför", "a/./b", "a?b=1", "a#b",
                      "a b", "a\"b", "a;b", "a{b}", "$uri", "%2e%2e/x", "a\\b", "<x>"])
    func onlyPathsAreAddresses(_ written: String) {
        #expect(AliasPlan.normalised(written) == nil, "\(written)")
    }
}
