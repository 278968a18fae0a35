import CPythonLayouts
import ProcessAccess

/// What `threading` knows about a thread.
struct ThreadingInfo: Sendable, Equatable {
    var name: String?
    /// `Thread._native_id` (3.8+), the kernel tid.
    var nativeID: UInt32?
}

/// Reads thread names from `sys.modules['threading']._active`, the dict `threading` keeps from each thread's
/// ident (`PyThreadState.thread_id`) to its `Thread` object (Lib/threading.py). The name attribute is `_name`
/// on Python 3 and the name-mangled `_Thread__name` on Python 2.
struct ThreadNameReader<Memory: MemorySource>: Sendable {
    let dicts: DictReader<Memory>
    let interpreter: RemoteAddress

    /// ident → info for every thread `threading` knows. An absent `threading` module yields an empty map.
    ///
    /// The objects involved (each `Thread`, its attribute dict, the ints and strings in it) are many and small
    /// and mostly neighbours in the target's heap, so the lookup reads through a page cache made for it: a
    /// few syscalls per process instead of about twenty per thread.
    func read() throws(MemoryReadError) -> [UInt64: ThreadingInfo] {
        let objects = dicts.objects
        let pages = PageCachedMemory(base: objects.memory)
        let cached = ThreadNameReader<PageCachedMemory<Memory>>(
            dicts: DictReader(
                objects: ObjectReader(
                    memory: pages, layout: objects.layout,
                    isPython2: objects.isPython2)),
            interpreter: interpreter)
        return try cached.readThrough()
    }

    /// `read()`, reading with this reader's memory as it is.
    private func readThrough() throws(MemoryReadError) -> [UInt64: ThreadingInfo] {
        let objects = dicts.objects
        let layout = objects.layout
        let modules = try objects.memory.readPointer(interpreter + layout.interpModules)
        guard !modules.isNull, let threading = try dicts.value(forKey: "threading", in: modules) else { return [:] }
        let globals = try objects.memory.readPointer(threading + layout.moduleDict)
        guard !globals.isNull, let active = try dicts.value(forKey: "_active", in: globals) else { return [:] }
        let nameKey = objects.isPython2 ? "_Thread__name" : "_name"
        var result: [UInt64: ThreadingInfo] = [:]
        for (identObject, thread) in try dicts.entries(of: active) {
            guard let ident = try? objects.integer(at: identObject) else { continue }
            var info = ThreadingInfo()
            guard let attributes = try? dicts.instanceAttributes(of: thread) else { continue }
            let wanted = dicts.values(forKeys: [nameKey, "_native_id"], in: attributes)
            if let name = wanted[nameKey] { info.name = try? objects.string(at: name) }
            if let nativeID = wanted["_native_id"], let id = try? objects.integer(at: nativeID), id > 0,
                id <= Int64(UInt32.max)
            {
                info.nativeID = UInt32(id)
            }
            result[UInt64(bitPattern: ident)] = info
        }
        return result
    }
}

/// When to ask `threading` again for the names it did not have: soon after the first miss (a new thread is in
/// the interpreter's list a moment before `threading._active`), then ever less often up to every 5 s, so a
/// thread that never gets a name (started from C) costs one lookup every few seconds, never one per sample
/// (py-spy's #852 slowdown).
struct NameLookupBackoff {
    private var due: ContinuousClock.Instant?
    /// The wait before the next retry after this one.
    private(set) var delay: Duration = .milliseconds(20)
    static let longestDelay: Duration = .seconds(5)

    /// True when a retry is scheduled and its time has come.
    func isDue() -> Bool {
        guard let due else { return false }
        return ContinuousClock.now >= due
    }

    mutating func scheduleAfterLookup(stillNameless: Bool) {
        guard stillNameless else {
            due = nil
            delay = .milliseconds(20)
            return
        }
        due = ContinuousClock.now + delay
        delay = min(delay * 2, Self.longestDelay)
    }
}
