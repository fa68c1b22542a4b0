// libFuzzer target: public and secret key files, and recovery sheets, on arbitrary bytes. `make fuzz`; Docs/RELIABILITY.md.
// Secret key files are parsed, never opened: opening runs Argon2id with the file's own cost.
import TemoinCrypto
import TemoinFormat

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeyFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let key = try PublicKeyFile.decode(bytes)
        // A public key file that parses is canonical: encoding it again gives the same bytes.
        precondition(PublicKeyFile.encode(key) == bytes, "public key file does not round-trip")
    } catch is CryptoError {
    } catch {
        fatalError("unexpected error type: \(error)")
    }
    do {
        let file = try SecretKeyFile(bytes: bytes)
        precondition(file.bytes == bytes && file.publicKey.count == 32)
        _ = file.fingerprint
    } catch is CryptoError {
    } catch {
        fatalError("unexpected error type: \(error)")
    }
    let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    do {
        let secret = try RecoverySheet.secret(from: lines)
        precondition(secret.count == 32)
        // Whatever was typed, a sheet that checks out prints back as lines that give the same secret.
        let printed = RecoverySheet.printedLines(for: secret).withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        precondition((try? RecoverySheet.secret(from: printed.split(separator: "\n").map(String.init)))?.isEqual(to: secret) == true)
    } catch is RecoverySheetError {
    } catch {
        fatalError("unexpected error type: \(error)")
    }
    return 0
}
