import Testing

@testable import StatikCore

/// `baseURL` split once for all its readers.
@Suite struct WebAddressTests {
    @Test func splitsSchemeAuthorityAndPath() {
        let address = WebAddress("HTTPS://Www.Example.se:8443/esf/")
        #expect(address.scheme == "HTTPS" && address.authority == "Www.Example.se:8443" && address.path == "/esf/")
        #expect(address.origin == "https://www.example.se:8443")
        #expect(address.host == "Www.Example.se")
        #expect(WebAddress("https://x.se").path == "")
        let path = WebAddress("/esf/")
        #expect(path.scheme == nil && path.origin == nil && path.path == "/esf/" && path.host == "")
    }

    /// The release calendar took the host as what came before the first `:`: a user name, or
    /// `[` of an IPv6 address.
    @Test func theHostIsTheHost() {
        #expect(WebAddress("https://user:pw@x.se:80/a").host == "x.se")
        #expect(WebAddress("http://[::1]:8080/").host == "[::1]")
    }
}
