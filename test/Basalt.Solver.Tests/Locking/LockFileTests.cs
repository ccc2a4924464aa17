using Basalt.Solver.Locking;
using static Basalt.Solver.Tests.TestPackages;

namespace Basalt.Solver.Tests.Locking;

public sealed class LockFileTests
{
    [Fact]
    public void Write_Resolution_IsSortedJsonThatReadsBack()
    {
        var available = Available("=Pkg: b 1 1 noarch", "=Pkg: a 1 1 x86_64", "=Req: b")
            .ConvertAll(p => p with { Location = "Packages/" + p.Name + ".rpm", Checksum = "sha256:00" + p.Name, Size = 42 });
        var result = Install(available, "a");
        var lockFile = LockFile.From(result.Packages);
        using var stream = new MemoryStream();
        lockFile.Write(stream);
        string json = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        Assert.Equal("""
            {
              "version": 1,
              "packages": [
                {
                  "nevra": "a-1-1.x86_64",
                  "repository": "available",
                  "location": "Packages/a.rpm",
                  "checksum": "sha256:00a",
                  "size": 42
                },
                {
                  "nevra": "b-1-1.noarch",
                  "repository": "available",
                  "location": "Packages/b.rpm",
                  "checksum": "sha256:00b",
                  "size": 42
                }
              ]
            }

            """.Replace("\r", "", StringComparison.Ordinal), json);
        stream.Position = 0;
        var read = LockFile.Read(stream, "basalt.lock");
        Assert.Equal(lockFile.Packages, read.Packages);
    }

    [Fact]
    public void Read_WrongVersion_NamesFileAndVersion()
    {
        using var stream = new MemoryStream("""{"version": 7, "packages": []}"""u8.ToArray());
        var error = Assert.Throws<InvalidDataException>(() => LockFile.Read(stream, "basalt.lock"));
        Assert.Equal("Lockfile \"basalt.lock\" has version 7; this Basalt reads version 1.", error.Message);
    }

    [Fact]
    public void Read_NotJson_NamesFile()
    {
        using var stream = new MemoryStream("version = 1"u8.ToArray());
        var error = Assert.Throws<InvalidDataException>(() => LockFile.Read(stream, "x.lock"));
        Assert.StartsWith("Lockfile \"x.lock\" is not valid JSON:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_WithLock_ReproducesLockedVersionsUnlessUpdating()
    {
        var old = Available("=Pkg: app 1 1 noarch", "=Req: lib", "=Pkg: lib 1 1 noarch");
        var locked = LockFile.From(Install(old, "app").Packages);
        var newer = Available("=Pkg: app 1 1 noarch", "=Req: lib", "=Pkg: lib 1 1 noarch", "=Pkg: lib 2 1 noarch", "=Pkg: app 2 1 noarch", "=Req: lib");
        var ct = TestContext.Current.CancellationToken;

        var reproduced = PackageSolver.Solve(newer, [], [SolverJob.InstallName("app")], new SolverOptions { Lock = locked }, ct);
        Assert.Equal(["app-1-1.noarch", "lib-1-1.noarch"], Nevras(reproduced.Packages));
        Assert.Equal(locked.Packages, LockFile.From(reproduced.Packages).Packages);

        var updated = PackageSolver.Solve(newer, [], [SolverJob.InstallName("app")], new SolverOptions { Lock = locked, UpdateLocked = true }, ct);
        Assert.Equal(["app-2-1.noarch", "lib-2-1.noarch"], Nevras(updated.Packages));
    }
}
