/// A JSON document as a tree, for the small outputs (`dump --json`) where building a tree first is cheap and
/// lets one serializer handle both the pretty and the compact layout.
///
/// Objects keep their keys in the order given: py-spy's field order is part of the format users see.
/// The large record outputs (speedscope, chrometrace) stream their text directly instead.
indirect enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case unsigned(UInt64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    /// An optional value, `null` when absent.
    static func optional<T>(_ value: T?, _ wrap: (T) -> JSONValue) -> JSONValue {
        value.map(wrap) ?? .null
    }

    /// The layout of `serde_json::to_string_pretty`: two-space indentation, `"key": value`, one member or
    /// element per line, and `[]` / `{}` for empty containers. No trailing newline.
    func prettyText() -> String {
        var out = ""
        writePretty(to: &out, indent: 0)
        return out
    }

    /// The layout of `serde_json::to_string`: no whitespace at all.
    func compactText() -> String {
        var out = ""
        writeCompact(to: &out)
        return out
    }

    private func writeScalar(to out: inout String) -> Bool {
        switch self {
        case .null: out.append("null")
        case .bool(let value): out.append(value ? "true" : "false")
        case .int(let value): out.append(String(value))
        case .unsigned(let value): out.append(String(value))
        case .double(let value): out.append(JSONText.number(value))
        case .string(let value): JSONText.appendString(value, to: &out)
        case .array, .object: return false
        }
        return true
    }

    private func writeCompact(to out: inout String) {
        if writeScalar(to: &out) { return }
        switch self {
        case .array(let values):
            out.append("[")
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(",") }
                value.writeCompact(to: &out)
            }
            out.append("]")
        case .object(let members):
            out.append("{")
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(",") }
                JSONText.appendString(member.key, to: &out)
                out.append(":")
                member.value.writeCompact(to: &out)
            }
            out.append("}")
        default:
            break
        }
    }

    private func writePretty(to out: inout String, indent: Int) {
        if writeScalar(to: &out) { return }
        let inner = String(repeating: " ", count: indent + 2)
        let closing = String(repeating: " ", count: indent)
        switch self {
        case .array(let values):
            guard !values.isEmpty else { out.append("[]"); return }
            out.append("[\n")
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(",\n") }
                out.append(inner)
                value.writePretty(to: &out, indent: indent + 2)
            }
            out.append("\n\(closing)]")
        case .object(let members):
            guard !members.isEmpty else { out.append("{}"); return }
            out.append("{\n")
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(",\n") }
                out.append(inner)
                JSONText.appendString(member.key, to: &out)
                out.append(": ")
                member.value.writePretty(to: &out, indent: indent + 2)
            }
            out.append("\n\(closing)}")
        default:
            break
        }
    }
}
