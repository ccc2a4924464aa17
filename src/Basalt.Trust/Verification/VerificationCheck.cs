namespace Basalt.Trust.Verification;

/// <summary>One line of <c>basalt verify</c>: what was checked, whether it held, and the detail (a digest, a key id, a difference).</summary>
public sealed record VerificationCheck(string Name, bool Passed, string Detail)
{
    public override string ToString() => $"{(Passed ? "OK  " : "FAIL")} {Name}: {Detail}";
}
