namespace Basalt.Imaging.Cosi;

/// <summary>One tar member of a COSI file: its name, type, where its data starts and how long it is.</summary>
public sealed record CosiTarMember(string Name, byte TypeFlag, long HeaderOffset, long DataOffset, long Size);
