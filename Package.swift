// swift-tools-version:6.0
import PackageDescription

// Signpost: privacy-first routing of council customer-service enquiries.
//
// Shared/    the event schema, the topic catalogue reader, the librdkafka wrapper
//            (the only code that touches C) and the consume-decide-produce runtime.
// Services/  one folder per service: `Decision` is a library with no Kafka in it,
//            `Main` is the thin executable that plugs it into the runtime.
// Tools/     the `signpost` operator tool and the operations library behind it
//            (embedded broker, channel simulator, demo).

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

// How release executables are linked on Linux (docs/performance.md, "Linking"). Each process maps
// the pages it touches, and the default link made every process touch about 5 MB it never uses:
// - LLD's packed relative relocations (`-z pack-relative-relocs`, read by glibc 2.36 and later):
//   a position-independent executable still, so still loaded at a random address, but its 2.3 MB
//   table of relocations, all read at start-up, becomes a few kilobytes;
// - `--no-export-dynamic`: the runtime's static-linking arguments export every Swift symbol into
//   a dynamic symbol table that nothing looks up (no plug-ins are loaded); the symbol table for
//   debuggers and crash reports is kept.
// The toolchain ships LLD (Swift 6 and later); debug builds keep the default link.
let executableLinking: [LinkerSetting] = [
    .unsafeFlags(
        ["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-Xlinker", "--no-export-dynamic"],
        .when(platforms: [.linux], configuration: .release)
    ),
]

let package = Package(
    name: "signpost",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "intake", targets: ["intake"]),
        .executable(name: "classifier", targets: ["classifier"]),
        .executable(name: "redactor", targets: ["redactor"]),
        .executable(name: "referral", targets: ["referral"]),
        .executable(name: "survey", targets: ["survey"]),
        .executable(name: "analytics", targets: ["analytics"]),
        .executable(name: "signpost", targets: ["signpost"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    ],
    targets: [
        // MARK: Shared
        .systemLibrary(
            name: "CRdKafka",
            path: "Shared/CRdKafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
        ),
        .target(
            name: "SignpostEvents",
            path: "Shared/SignpostEvents",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SignpostTopics",
            dependencies: ["SignpostEvents", "Yams"],
            path: "Shared/SignpostTopics",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SignpostKafka",
            dependencies: ["CRdKafka", .product(name: "Logging", package: "swift-log")],
            path: "Shared/SignpostKafka",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SignpostRuntime",
            dependencies: [
                "SignpostEvents", "SignpostTopics", "SignpostKafka",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/SignpostRuntime",
            swiftSettings: swiftSettings
        ),

        .target(
            name: "SignpostSealing",
            dependencies: [
                "SignpostEvents",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Shared/SignpostSealing",
            swiftSettings: swiftSettings
        ),

        // MARK: Services (decision library + thin executable each)
        .target(name: "IntakeCore", dependencies: ["SignpostEvents", "SignpostSealing", .product(name: "Crypto", package: "swift-crypto")], path: "Services/intake/Decision", swiftSettings: swiftSettings),
        .executableTarget(name: "intake", dependencies: ["IntakeCore", "SignpostRuntime", "SignpostSealing"], path: "Services/intake/Main", swiftSettings: swiftSettings, linkerSettings: executableLinking),

        // The pretrained sentence encoder that gives doubtful enquiries a second opinion (pure Swift arithmetic).
        // Always optimised: unoptimised, its arithmetic is about a hundred times slower, in tests too.
        .target(name: "SentenceEncoder", path: "Services/classifier/Encoder", swiftSettings: swiftSettings + [.unsafeFlags(["-O"])]),
        .target(name: "ClassifierCore", dependencies: ["SignpostEvents", "SignpostSealing", "SentenceEncoder"], path: "Services/classifier/Decision", swiftSettings: swiftSettings),
        .executableTarget(
            name: "classifier",
            dependencies: ["ClassifierCore", "SignpostRuntime", "SignpostSealing", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Services/classifier/Main", swiftSettings: swiftSettings, linkerSettings: executableLinking
        ),

        .target(name: "RedactorCore", dependencies: ["SignpostEvents", "SignpostSealing", .product(name: "Crypto", package: "swift-crypto")], path: "Services/redactor/Decision", swiftSettings: swiftSettings),
        .executableTarget(
            name: "redactor",
            dependencies: ["RedactorCore", "SignpostRuntime", "SignpostSealing", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Services/redactor/Main", swiftSettings: swiftSettings, linkerSettings: executableLinking
        ),

        .target(name: "ReferralCore", dependencies: ["SignpostEvents", "SignpostTopics", "SignpostSealing"], path: "Services/referral/Decision", swiftSettings: swiftSettings),
        .executableTarget(name: "referral", dependencies: ["ReferralCore", "SignpostRuntime", "SignpostTopics", "SignpostSealing"], path: "Services/referral/Main", swiftSettings: swiftSettings, linkerSettings: executableLinking),

        .target(name: "SurveyCore", dependencies: ["SignpostEvents", "RedactorCore"], path: "Services/survey/Decision", swiftSettings: swiftSettings),
        .executableTarget(name: "survey", dependencies: ["SurveyCore", "SignpostRuntime"], path: "Services/survey/Main", swiftSettings: swiftSettings, linkerSettings: executableLinking),

        .target(name: "AnalyticsCore", dependencies: ["SignpostEvents"], path: "Services/analytics/Decision", swiftSettings: swiftSettings),
        .executableTarget(
            name: "analytics",
            dependencies: [
                "AnalyticsCore", "SignpostRuntime", "SignpostKafka", "SignpostTopics", "SignpostEvents",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/analytics/Main", swiftSettings: swiftSettings, linkerSettings: executableLinking
        ),

        // MARK: Operator tool
        .target(
            name: "RightsCore",
            dependencies: ["SignpostEvents", "Yams"],
            path: "Tools/RightsCore",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SignpostOps",
            dependencies: [
                "SignpostEvents", "SignpostTopics", "SignpostKafka", "SignpostRuntime", "SurveyCore", "AnalyticsCore", "SignpostSealing", "RightsCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tools/SignpostOps",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "signpost",
            dependencies: [
                "SignpostOps", "SignpostTopics", "SignpostKafka", "SignpostEvents", "SignpostRuntime", "AnalyticsCore", "RightsCore", "SignpostSealing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tools/signpost",
            swiftSettings: swiftSettings, linkerSettings: executableLinking
        ),

        // MARK: Tests
        .testTarget(name: "SignpostEventsTests", dependencies: ["SignpostEvents", "SignpostTopics"], path: "Tests/SignpostEventsTests", swiftSettings: swiftSettings),
        .testTarget(name: "SignpostKafkaTests", dependencies: ["SignpostKafka"], path: "Tests/SignpostKafkaTests", swiftSettings: swiftSettings),
        .testTarget(name: "ServiceDecisionTests", dependencies: ["IntakeCore", "ClassifierCore", "ReferralCore", "SurveyCore", "RedactorCore", "SignpostEvents", "SignpostTopics", "SignpostSealing",
            .product(name: "PropertyBased", package: "swift-property-based")], path: "Tests/ServiceDecisionTests", swiftSettings: swiftSettings),
        .testTarget(name: "ClassifierCoreTests", dependencies: ["ClassifierCore", "SentenceEncoder", .product(name: "Crypto", package: "swift-crypto")], path: "Tests/ClassifierCoreTests", swiftSettings: swiftSettings),
        .testTarget(name: "SentenceEncoderTests", dependencies: ["SentenceEncoder"], path: "Tests/SentenceEncoderTests", exclude: ["Fixtures"], swiftSettings: swiftSettings),
        .testTarget(name: "RedactorCoreTests", dependencies: ["RedactorCore"], path: "Tests/RedactorCoreTests", swiftSettings: swiftSettings),
        .testTarget(name: "AnalyticsCoreTests", dependencies: ["AnalyticsCore", "SignpostEvents"], path: "Tests/AnalyticsCoreTests", swiftSettings: swiftSettings),
        .testTarget(name: "SignpostSealingTests", dependencies: ["SignpostSealing", "SignpostEvents", .product(name: "Crypto", package: "swift-crypto"), .product(name: "GRDB", package: "GRDB.swift")], path: "Tests/SignpostSealingTests", swiftSettings: swiftSettings),
        .testTarget(name: "RightsCoreTests", dependencies: ["RightsCore", "SignpostEvents"], path: "Tests/RightsCoreTests", swiftSettings: swiftSettings),
        .testTarget(name: "IntegrationTests", dependencies: ["SignpostOps", "SignpostEvents", "SignpostTopics", "SignpostKafka", "ReferralCore", "AnalyticsCore", "SignpostSealing", "SurveyCore", "RightsCore", "SignpostRuntime"], path: "Tests/IntegrationTests", swiftSettings: swiftSettings),
    ]
)
