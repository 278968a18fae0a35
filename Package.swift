// swift-tools-version:6.0
import PackageDescription

/// The sampling path runs hundreds of thousands of times a second on single-threaded state; in release builds
/// its dynamic exclusivity checks (about a tenth of a warm sample's CPU time) are left out. Debug builds, and so
/// the tests, keep them.
let samplingPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

/// swiftspy: a sampling profiler for CPython on Linux. Each target has one job; see ARCHITECTURE.md for how a
/// sample flows from the target's memory to an output file.
let package = Package(
    name: "swiftspy",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "swiftspy", targets: ["swiftspy"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // Thin C wrappers over process_vm_readv and ptrace (needs _GNU_SOURCE, kept out of Swift headers).
        .target(name: "CLinuxShims"),
        // Reading another process: remote memory, /proc maps, threads and their run state, pausing.
        .target(name: "ProcessAccess", dependencies: ["CLinuxShims"], swiftSettings: samplingPath),
        // ELF64 headers, program headers, sections and symbols. Knows nothing about Python.
        .target(name: "ELFKit"),
        // Plain values shared by everything downstream of sampling.
        .target(name: "ProfileModel", swiftSettings: samplingPath),
        // Per-version CPython struct offsets, generated from real headers, and `_Py_DebugOffsets` decoding.
        .target(name: "CPythonLayouts"),
        // CPython's line-number tables (lnotab, 3.10 linetable, 3.11+ location table), decoded exactly.
        .target(name: "CodeLocations", swiftSettings: samplingPath),
        // Finding the interpreter in a process and walking its threads and frames.
        .target(
            name: "PythonIntrospection",
            dependencies: [
                "ProcessAccess", "ELFKit", "ProfileModel", "CPythonLayouts", "CodeLocations"
            ], swiftSettings: samplingPath),
        // The sampling loop: randomised timer, stop signals, attach retries, launched children.
        .target(
            name: "Sampling", dependencies: ["PythonIntrospection", "ProcessAccess", "ProfileModel", "CLinuxShims"],
            swiftSettings: samplingPath),
        // Output formats: dump text and JSON, and the record writers.
        .target(name: "ProfileOutput", dependencies: ["ProfileModel"], swiftSettings: samplingPath),
        // The live `top` view: a pure model and renderer, and the one small type that touches the terminal.
        .target(name: "LiveView", dependencies: ["ProfileModel", "ProfileOutput"]),
        // The command line: one command per file.
        .target(
            name: "SwiftSpyCLI",
            dependencies: [
                "PythonIntrospection", "ProfileOutput", "ProfileModel", "ProcessAccess", "Sampling", "LiveView",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ]),
        .executableTarget(name: "swiftspy", dependencies: ["SwiftSpyCLI"]),

        .testTarget(name: "ELFKitTests", dependencies: ["ELFKit"]),
        .testTarget(
            name: "CodeLocationsTests", dependencies: ["CodeLocations"],
            exclude: ["make_vectors.py"], resources: [.copy("Vectors")]),
        .testTarget(name: "CPythonLayoutsTests", dependencies: ["CPythonLayouts"]),
        .testTarget(
            name: "ProcessAccessTests",
            dependencies: [
                "ProcessAccess", "CLinuxShims", "LiveTestSupport", "MemoryTestSupport"
            ]),
        .testTarget(
            name: "PythonIntrospectionTests",
            dependencies: [
                "PythonIntrospection", "ProcessAccess", "CPythonLayouts", "ProfileModel", "LiveTestSupport",
                "MemoryTestSupport"
            ]),
        .testTarget(
            name: "SamplingTests", dependencies: ["Sampling", "ProcessAccess", "PythonIntrospection", "ProfileModel"]),
        .testTarget(name: "ProfileOutputTests", dependencies: ["ProfileOutput", "ProfileModel"]),
        .testTarget(name: "SwiftSpyCLITests", dependencies: ["SwiftSpyCLI"]),
        .testTarget(name: "LiveViewTests", dependencies: ["LiveView", "ProfileModel", "ProfileOutput"]),
        .testTarget(name: "TopEndToEndTests", dependencies: ["SwiftSpyCLI", "swiftspy"], resources: [.copy("Targets")]),
        // Memory made up in-process for the memory-layer and walk tests: `FakeMemory` and the counting double.
        .target(name: "MemoryTestSupport", dependencies: ["ProcessAccess"], path: "Tests/MemoryTestSupport"),
        // What the live suites share: finding interpreters and the binary, scratch directories.
        .target(name: "LiveTestSupport", path: "Tests/LiveTestSupport"),
        .testTarget(
            name: "LiveInterpreterTests", dependencies: ["swiftspy", "LiveTestSupport"],
            resources: [.copy("Targets")]),
        .testTarget(
            name: "RecordLiveTests", dependencies: ["swiftspy", "LiveTestSupport"], resources: [.copy("Targets")])
    ]
)
