// CodeLocations: placeholder until its first real file lands (removed in the same session).
