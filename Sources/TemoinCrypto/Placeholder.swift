// TemoinCrypto
