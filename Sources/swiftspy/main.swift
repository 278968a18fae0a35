import SwiftSpyCLI

SwiftSpyCommand.runFromCommandLine()
