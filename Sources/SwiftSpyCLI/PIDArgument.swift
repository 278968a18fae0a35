import ArgumentParser

/// A process id given on the command line: decimal, or hexadecimal with a `0x` prefix (as py-spy accepts).
package struct PIDArgument: ExpressibleByArgument, Sendable, Equatable {
    package var value: Int32

    package init?(argument: String) {
        // Trimmed in place: reversing a slice twice instantiates generic collection types at run time, which
        // cost more than the rest of a dump's argument handling.
        var text = Substring(argument)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        let parsed: Int32?
        if text.lowercased().hasPrefix("0x") {
            parsed = Int32(text.dropFirst(2), radix: 16)
        } else {
            parsed = Int32(text)
        }
        guard let parsed, parsed > 0 else { return nil }
        value = parsed
    }

    package static var defaultCompletionKind: CompletionKind { .default }
}
