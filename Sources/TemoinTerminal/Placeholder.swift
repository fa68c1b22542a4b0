// TemoinTerminal
