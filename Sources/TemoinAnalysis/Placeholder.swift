// TemoinAnalysis
