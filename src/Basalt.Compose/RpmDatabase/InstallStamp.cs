namespace Basalt.Compose.RpmDatabase;

/// <summary>
/// The per-transaction values rpm writes into every installed header: the transaction id (INSTALLTID, rpm uses
/// the transaction's start time), the install time (INSTALLTIME) and the transaction color (INSTALLCOLOR).
/// </summary>
internal sealed record InstallStamp(uint TransactionId, uint InstallTime, uint TransactionColor);
