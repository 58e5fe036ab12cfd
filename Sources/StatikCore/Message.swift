/// The languages Statik speaks to writers and readers.
public enum Language: String, Sendable, Hashable, CaseIterable {
    case swedish = "sv"
    case english = "en"

    /// The language of a code as sites and environments write it: `sv`, `sv-SE`, `sv_SE.UTF-8`,
    /// `en`, `en-GB`; nil for a language Statik does not speak.
    public init?(code: String) {
        let lower = code.lowercased()
        if lower == "sv" || lower.hasPrefix("sv-") || lower.hasPrefix("sv_") || lower.hasPrefix("sv.") {
            self = .swedish
        } else if lower == "en" || lower.hasPrefix("en-") || lower.hasPrefix("en_") || lower.hasPrefix("en.") {
            self = .english
        } else {
            return nil
        }
    }

    /// The Swedish or the English of a phrase Statik writes for readers.
    public func pick(_ swedish: String, _ english: String) -> String {
        self == .english ? english : swedish
    }

    /// The language messages are shown in: `--lang` when given, else the site's `language:`,
    /// else the environment's (`LANG`), else Swedish, the language of Statik's writers.
    public static func forMessages(flag: Language?, site: Language?, environment: [String: String]) -> Language {
        flag ?? site ?? fromEnvironment(environment) ?? .swedish
    }

    /// The language of the environment (`LC_ALL`, `LC_MESSAGES`, `LANG`, as POSIX orders
    /// them), or nil when it names none Statik speaks (`C`, `POSIX`, unset).
    public static func fromEnvironment(_ environment: [String: String]) -> Language? {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty { return Language(code: value) }
        }
        return nil
    }
}

/// What a diagnostic says, as an identity: a typed kind and its values. The words come from
/// the catalogue of the language it is shown in (`Catalogue`), never from the code that found
/// the problem, so that a problem reads the same in every place and in both languages.
public struct Message: Sendable, Hashable, CustomStringConvertible {
    /// A value in a message: a name from the user's files (shown as written in every language),
    /// or a message of its own (shown in the same language as the message it is part of).
    public enum Argument: Sendable, Hashable {
        case verbatim(String)
        case message(Message)
        /// Names shown as a list: `a, b, c`.
        case list([String])
        /// A value written differently in each language: a number as the site writes figures
        /// (`1 990`, `1,990`), made by the caller with the site's formatter.
        case inLanguages(swedish: String, english: String)
    }

    public let kind: MessageKind
    public let arguments: [Argument]

    public init(_ kind: MessageKind, _ arguments: [Argument]) {
        self.kind = kind
        self.arguments = arguments
    }

    /// `Message(.unknownQuery, name, near)`: strings, numbers and other values are shown as
    /// they print; a `Message` among them is translated with the message; `[String]` is a list.
    public init(_ kind: MessageKind, _ values: Any...) {
        self.kind = kind
        self.arguments = values.map(Self.argument)
    }

    static func argument(_ value: Any) -> Argument {
        switch value {
        case let message as Message: .message(message)
        case let list as [String]: .list(list)
        case let list as [Substring]: .list(list.map(String.init))
        case let argument as Argument: argument
        default: .verbatim(String(describing: value))
        }
    }

    /// The text in `language`: the catalogue's template with `{1}`, `{2}`, … filled in.
    public func text(_ language: Language) -> String {
        let template = Catalogue.template(kind, language)
        var out = ""
        var index = template.startIndex
        while index < template.endIndex {
            let c = template[index]
            if c == "{", let close = template[index...].firstIndex(of: "}"),
               let n = Int(template[template.index(after: index)..<close]), n >= 1, n <= arguments.count {
                out += Self.text(of: arguments[n - 1], language)
                index = template.index(after: close)
            } else {
                out.append(c)
                index = template.index(after: index)
            }
        }
        return out
    }

    private static func text(of argument: Argument, _ language: Language) -> String {
        switch argument {
        case .verbatim(let string): string
        case .message(let message): message.text(language)
        case .list(let names): names.joined(separator: ", ")
        case .inLanguages(let swedish, let english): language.pick(swedish, english)
        }
    }

    /// This message, or the first message inside it, of `kind`: what a problem is about, by
    /// its identity (a table that is not there), never by its words.
    public func find(_ kind: MessageKind) -> Message? {
        if self.kind == kind { return self }
        for case .message(let inner) in arguments {
            if let found = inner.find(kind) { return found }
        }
        return nil
    }

    /// The value `n` (1-based) as written, when it is a plain value.
    public func value(_ n: Int) -> String? {
        guard n >= 1, n <= arguments.count, case .verbatim(let string) = arguments[n - 1] else { return nil }
        return string
    }

    /// The English text (for logs and tests that read messages in English).
    public var description: String { text(.english) }
}
