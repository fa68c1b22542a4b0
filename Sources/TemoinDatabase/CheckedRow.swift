import GRDB

extension Row {
    /// The value of `column` as `Value`; nil when it is NULL or holds a value of another type.
    ///
    /// The desk vault and the team inbox are files that can be damaged or edited outside Témoin (text where a
    /// number was, a number where bytes were): GRDB's own `row[column]`, even `as Value?`, stops the process on
    /// such a value; this gives nil, which the caller refuses with a message.
    public func checked<Value: DatabaseValueConvertible>(_ column: String) -> Value? {
        try? decode(Value.self, forColumn: column)
    }
}
