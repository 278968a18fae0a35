import SwiftSpyCLI

SwiftSpyCommand.main()
