// TemoinTUI
