// TemoinVault
