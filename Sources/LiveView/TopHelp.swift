/// The key help block that `?` shows above the table and `X` hides.
enum TopHelp {
    static let lines = [
        "Keys:",
        "  1  sort by %Own: own samples in the last interval",
        "  2  sort by %Total: samples on the stack in the last interval",
        "  3  sort by OwnTime: own time since the start (the default)",
        "  4  sort by TotalTime: time on the stack since the start",
        "     (press the sorted column's key again to reverse the order)",
        "  L  toggle aggregating by line number or by function",
        "  R  reset the statistics",
        "  ?  show this help, X hide it",
        "  q  quit (Control-C too)"
    ]
}
