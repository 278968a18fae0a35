import ProfileModel
import Testing

@testable import ProfileOutput

@Suite("dump text")
struct DumpTextTests {
    let header = DumpProcessHeader(
        pid: 11872, commandLine: "/usr/bin/python3 -S work.py", pythonVersion: "3.11.7",
        executablePath: "/usr/bin/python3.11")

    @Test("matches py-spy's observed layout")
    func plainDump() {
        let sleeper = ThreadStack(
            pid: 11872, threadID: 1, threadName: "SleeperThread", osThreadID: 11874, active: false, ownsGIL: false,
            frames: [
                Fixtures.sleeper, Fixtures.run,
                Fixtures.frame("_bootstrap_inner", "/usr/lib/threading.py", 1045, short: "threading.py"),
                Fixtures.frame("_bootstrap", "/usr/lib/threading.py", 1002, short: "threading.py")
            ])
        let text = DumpTextFormatter().format(header: header, threads: [Fixtures.mainThread(), sleeper])
        #expect(
            text == """
                Process 11872: /usr/bin/python3 -S work.py
                Python v3.11.7 (/usr/bin/python3.11)

                Thread 11872 (active+gil): "MainThread"
                    leaf (work.py:6)
                    middle (work.py:11)
                    <module> (work.py:19)
                Thread 11874 (idle): "SleeperThread"
                    sleeper (work.py:14)
                    run (threading.py:982)
                    _bootstrap_inner (threading.py:1045)
                    _bootstrap (threading.py:1002)

                """)
    }

    @Test("no name, pthread in hex, unknown line, full file name, active without the GIL")
    func fallbacks() {
        let thread = ThreadStack(
            pid: 5, threadID: 0x7FB8_3692_78EC, active: true, ownsGIL: false,
            frames: [Frame(name: "<lambda>", filename: "<string>", line: 0)])
        #expect(DumpTextFormatter().threadText(thread) == "Thread 0x7FB8369278EC (active)\n    <lambda> (<string>)\n")
    }

    @Test("locals: headers once, ? for a failed repr, non-ASCII kept")
    func locals() {
        let frame = Fixtures.frame("f", "/x/lv.py", 7, short: "lv.py")
        let locals = [
            LocalVariable(name: "a", address: 1, isArgument: true, repr: "1"),
            LocalVariable(name: "b", address: 2, isArgument: true, repr: "2"),
            LocalVariable(name: "z", address: 3, isArgument: false, repr: "\"héllo\""),
            LocalVariable(name: "кириллица", address: 4, isArgument: false, repr: nil)
        ]
        let thread = ThreadStack(
            pid: 1, threadID: 1, osThreadID: 9, active: true, ownsGIL: true,
            frames: [frame, Fixtures.frame("<module>", "/x/lv.py", 8, short: "lv.py")], frameLocals: [locals])
        #expect(
            DumpTextFormatter().threadText(thread) == """
                Thread 9 (active+gil)
                    f (lv.py:7)
                        Arguments:
                            a: 1
                            b: 2
                        Locals:
                            z: "héllo"
                            кириллица: ?
                    <module> (lv.py:8)

                """)
    }

    @Test("parent line for subprocess dumps, and the separator")
    func parentAndSeparator() {
        var child = header
        child.parent = .init(pid: 100, commandLine: "python parent.py")
        #expect(DumpTextFormatter().headerText(child).contains("Parent Process 100: python parent.py\n\n"))
        #expect(DumpTextFormatter().subprocessSeparator(width: 5) == "\n-----\n")
    }

    @Test("colours use the console crate's escape sequences")
    func colours() {
        let formatter = DumpTextFormatter(useColor: true)
        let esc = "\u{1B}["
        #expect(
            formatter.headerText(header)
                == "Process \(esc)33m\(esc)1m11872\(esc)0m: /usr/bin/python3 -S work.py\n"
                + "Python v\(esc)1m3.11.7\(esc)0m (\(esc)2m/usr/bin/python3.11\(esc)0m)\n\n")
        let thread = Fixtures.mainThread([Fixtures.leaf, Frame(name: "g", filename: "x.py", line: 0)])
        #expect(
            formatter.threadText(thread)
                == "Thread \(esc)33m\(esc)1m11872\(esc)0m (active+gil): \"MainThread\"\n"
                + "    \(esc)32mleaf\(esc)0m (\(esc)36mwork.py\(esc)0m:\(esc)2m6\(esc)0m)\n"
                + "    \(esc)32mg\(esc)0m (\(esc)36mx.py\(esc)0m)\n")
        #expect(formatter.subprocessSeparator(width: 2) == "\n\(esc)2m--\(esc)0m\n")
    }
}
