namespace Basalt.Trust.Verification;

/// <summary>Collects checks in order; <see cref="Check"/> returns whether the check passed so callers stop at the first failure.</summary>
internal sealed class CheckRun(List<VerificationCheck> checks)
{
    public bool Check(string name, bool passed, string detail)
    {
        checks.Add(new VerificationCheck(name, passed, detail));
        return passed;
    }
}
