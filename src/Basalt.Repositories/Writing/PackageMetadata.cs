using System.Security.Cryptography;
using Basalt.Packaging;
using Basalt.Repositories.Metadata;
using Basalt.Rpm.Format;
using Basalt.Rpm.Metadata;

namespace Basalt.Repositories.Writing;

/// <summary>
/// Builds the rpm-md description of one RPM file with createrepo_c's conventions: sha256 pkgid, location relative to
/// the repository root, header-range from the file layout, rpmlib() and duplicate requires dropped, requires on the
/// package's own primary files dropped, primary's file subset (/etc/*, *bin/*, /usr/lib/sendmail), Latin-1 text
/// converted to UTF-8, and the newest changelog entries, oldest first.
/// </summary>
internal static class PackageMetadata
{
    /// <summary>Reads the package at <paramref name="path"/>; <paramref name="location"/> is its href.</summary>
    /// <param name="clampTime">When set, the file time is clamped to it (SOURCE_DATE_EPOCH semantics).</param>
    public static RpmMdPackage Read(string path, string location, long? clampTime, int changelogLimit)
    {
        var file = new FileInfo(path);
        RpmPackageHeaders headers;
        byte[] digest;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        {
            headers = RpmPackageHeaders.Read(stream, path);
            stream.Position = 0;
            digest = SHA256.HashData(stream);
        }

        var header = headers.Header;
        var info = RpmPackageInfo.FromHeader(header);
        var fileTime = new DateTimeOffset(file.LastWriteTimeUtc).ToUnixTimeSeconds();
        if (clampTime is { } clamp && fileTime > clamp)
        {
            fileTime = clamp;
        }

        var paths = HeaderDependencies.FilePaths(header, info);
        var files = info.Files.Select((f, i) => new RpmMdFile(paths[i], f.IsGhost ? RpmMdFileType.Ghost : f.IsDirectory ? RpmMdFileType.Dir : RpmMdFileType.File)).ToArray();
        var provides = Deduplicate(HeaderDependencies.Read(header, RpmTag.ProvideName, RpmTag.ProvideFlags, RpmTag.ProvideVersion));
        var fileSet = new HashSet<string>(files.Select(f => f.Path), StringComparer.Ordinal);
        return new RpmMdPackage
        {
            Nevra = new Nevra(info.Name, info.Epoch is 0 ? null : info.Epoch, info.Version, info.Release, info.IsSource ? "src" : info.Arch),
            Checksum = new RepoChecksum("sha256", Convert.ToHexStringLower(digest)),
            Summary = HeaderText.Get(header, RpmTag.Summary),
            Description = HeaderText.Get(header, RpmTag.Description),
            Packager = HeaderText.Get(header, RpmTag.Packager),
            Url = HeaderText.Get(header, RpmTag.Url),
            FileTime = fileTime,
            BuildTime = info.BuildTime.ToUnixTimeSeconds(),
            PackageSize = file.Length,
            InstalledSize = info.InstalledSize,
            ArchiveSize = ArchiveSize(headers),
            Location = location,
            License = HeaderText.Get(header, RpmTag.License),
            Vendor = HeaderText.Get(header, RpmTag.Vendor),
            Group = HeaderText.Get(header, RpmTag.Group),
            BuildHost = HeaderText.Get(header, RpmTag.BuildHost),
            SourceRpm = HeaderText.Get(header, RpmTag.SourceRpm),
            HeaderStart = headers.HeaderOffset,
            HeaderEnd = headers.PayloadOffset,
            Provides = provides,
            Requires = FilterRequires(HeaderDependencies.Read(header, RpmTag.RequireName, RpmTag.RequireFlags, RpmTag.RequireVersion), fileSet, provides),
            Conflicts = Deduplicate(HeaderDependencies.Read(header, RpmTag.ConflictName, RpmTag.ConflictFlags, RpmTag.ConflictVersion)),
            Obsoletes = Deduplicate(HeaderDependencies.Read(header, RpmTag.ObsoleteName, RpmTag.ObsoleteFlags, RpmTag.ObsoleteVersion)),
            Recommends = Deduplicate(HeaderDependencies.Read(header, RpmTag.RecommendName, RpmTag.RecommendFlags, RpmTag.RecommendVersion)),
            Suggests = Deduplicate(HeaderDependencies.Read(header, RpmTag.SuggestName, RpmTag.SuggestFlags, RpmTag.SuggestVersion)),
            Supplements = Deduplicate(HeaderDependencies.Read(header, RpmTag.SupplementName, RpmTag.SupplementFlags, RpmTag.SupplementVersion)),
            Enhances = Deduplicate(HeaderDependencies.Read(header, RpmTag.EnhanceName, RpmTag.EnhanceFlags, RpmTag.EnhanceVersion)),
            Files = files,
            Changelogs = Changelogs(header, changelogLimit),
        };
    }

    /// <summary>createrepo_c's rule for files listed in primary as well as filelists (what file requires usually need).</summary>
    public static bool IsPrimaryFile(string path)
        => path.StartsWith("/etc/", StringComparison.Ordinal) || path.Contains("bin/", StringComparison.Ordinal) || path == "/usr/lib/sendmail";

    private static long ArchiveSize(RpmPackageHeaders headers)
        => (long)(headers.Signature.GetNumber((int)RpmSignatureTag.LongArchiveSize)
            ?? headers.Signature.GetNumber((int)RpmSignatureTag.PayloadSize)
            ?? headers.Header.GetNumber(RpmTag.LongArchiveSize)
            ?? headers.Header.GetNumber(RpmTag.ArchiveSize)
            ?? 0);

    private static Dependency[] FilterRequires(Dependency[] requires, HashSet<string> files, Dependency[] provides)
    {
        // A requirement equal to one of the package's own provides (name, comparison and version, e.g.
        // "config(x) = 1.0-1") can never be unmet; createrepo_c leaves it out.
        var provided = new HashSet<(string, string?, string)>(provides.Select(p => (p.Name, DependencyEntries.FlagsName(p.Flags), p.Version)));
        Dependency? libc = null;
        // createrepo_c drops a requirement only when it repeats the previous one of the same name exactly (flags,
        // version and pre), so "/bin/sh", "/bin/sh [pre]", "/bin/sh" keeps all three.
        var last = new Dictionary<string, (string?, string, bool)>(StringComparer.Ordinal);
        var result = new List<Dependency>(requires.Length);
        foreach (var dependency in requires)
        {
            if (dependency.Name.StartsWith("rpmlib(", StringComparison.Ordinal))
            {
                continue;
            }

            if (dependency.Name.StartsWith('/') && files.Contains(dependency.Name) && IsPrimaryFile(dependency.Name))
            {
                continue;
            }

            if (provided.Contains((dependency.Name, DependencyEntries.FlagsName(dependency.Flags), dependency.Version)))
            {
                continue;
            }

            // createrepo_c (like yum's createrepo) keeps only the newest libc.so.6 symbol-version requirement and
            // writes it last: "libc.so.6(GLIBC_2.4)(64bit)" implies the older GLIBC_* ones and the bare soname.
            if (dependency.Name.StartsWith("libc.so.6", StringComparison.Ordinal))
            {
                if (libc is null || CompareLibc(dependency.Name, libc.Name) > 0)
                {
                    libc = dependency;
                }

                continue;
            }

            bool pre = (dependency.Flags & DependencyEntries.PreFlags) != 0;
            var key = (DependencyEntries.FlagsName(dependency.Flags), dependency.Version, pre);
            if (!last.TryGetValue(dependency.Name, out var previous) || previous != key)
            {
                result.Add(dependency);
                last[dependency.Name] = key;
            }
        }

        if (libc is not null)
        {
            result.Add(libc);
        }

        return [.. result];
    }

    /// <summary>Orders "libc.so.6(GLIBC_x.y)…" names by the symbol version (rpmvercmp); the bare soname sorts first.</summary>
    private static int CompareLibc(string a, string b) => RpmVersion.Compare(GlibcVersion(a), GlibcVersion(b));

    private static string GlibcVersion(string name)
    {
        int start = name.IndexOf("(GLIBC_", StringComparison.Ordinal);
        if (start < 0)
        {
            return "";
        }

        start += "(GLIBC_".Length;
        int end = name.IndexOf(')', start);
        return end < 0 ? "" : name[start..end];
    }

    private static Dependency[] Deduplicate(Dependency[] dependencies)
    {
        var seen = new HashSet<(string, string?, string)>();
        return [.. dependencies.Where(d => seen.Add((d.Name, DependencyEntries.FlagsName(d.Flags), d.Version)))];
    }

    private static RpmMdChangelog[] Changelogs(RpmHeader header, int limit)
    {
        var times = header.GetNumbers(RpmTag.ChangelogTime);
        var names = HeaderText.GetAll(header, RpmTag.ChangelogName);
        var texts = HeaderText.GetAll(header, RpmTag.ChangelogText);
        int count = Math.Min(Math.Min(times.Length, names.Length), Math.Min(texts.Length, limit));
        var result = new RpmMdChangelog[count];
        // The header lists the newest entry first; other.xml lists the kept entries oldest first, and createrepo_c
        // moves an entry whose date equals the previous one's one second later so every date is distinct.
        long previous = long.MinValue;
        for (int i = count - 1; i >= 0; i--)
        {
            long date = (long)times[i];
            if (date == previous)
            {
                date = previous + 1;
            }

            result[count - 1 - i] = new RpmMdChangelog(names[i], date, texts[i]);
            previous = date;
        }

        return result;
    }
}
