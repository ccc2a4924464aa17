using Basalt.Rpm.Format;
using Basalt.Rpm.Query;

namespace Basalt.Rpm.Tests.Query;

/// <summary>
/// Every package under shared/data, rendered with each format below by Basalt and by <c>rpm -qp --qf</c> (rpm
/// 4.18): the bytes must be identical. The formats cover identity, dependencies with flags, files with modes,
/// owners, sizes, digests, link targets and flags, scriptlets, triggers, dates, sizes, hex/octal, conditionals,
/// widths, escapes, signature tags, extension tags and the %{*:xml} dump.
/// </summary>
public sealed class RpmQueryDifferentialTests
{
    public static readonly TheoryData<string> Formats =
    [
        @"%{NAME}|%{EPOCH}|%{VERSION}|%{RELEASE}|%{ARCH}|%{NEVRA}|%{NVRA}|%{NEVR}|%{NVR}|%{EVR}|%{EPOCHNUM}\n",
        @"[%{REQUIRENAME} %{REQUIREFLAGS:depflags} %{REQUIREVERSION}\n]",
        @"[%{PROVIDENAME} %{PROVIDEFLAGS:depflags} %{PROVIDEVERSION} %{PROVIDEFLAGS:deptype}\n]",
        @"[%{REQUIRENEVRS}\n][%{PROVIDENEVRS}\n][%{CONFLICTNEVRS}\n][%{OBSOLETENEVRS}\n][%{RECOMMENDNEVRS}\n][%{SUGGESTNEVRS}\n][%{SUPPLEMENTNEVRS}\n][%{ENHANCENEVRS}\n]",
        @"[%{FILENAMES} %{FILEMODES:perms} %{FILEUSERNAME} %{FILEGROUPNAME} %{FILESIZES} %{FILEDIGESTS} %{FILELINKTOS} %{FILEFLAGS:fflags}\n]",
        @"[%{FILENAMES} %{FILEMODES:octal} %{FILEMTIMES:date} %{LONGFILESIZES} %{FILENLINKS} %{FILEINODES} %{FILEDEVICES} %{FILERDEVS:hex} %{FILELANGS} %{FILECAPS} %{FILEVERIFYFLAGS:vflags} %{FILECOLORS} %{FILECLASS}\n]",
        @"%{BUILDTIME:date}|%{BUILDTIME:day}|%{BUILDHOST}|%{SIZE}|%{LONGSIZE}|%{SIZE:hex}|%{SIZE:octal}|%{SIZE:humansi}|%{SIZE:humaniec}|%{ARCHIVESIZE}|%{LONGARCHIVESIZE}\n",
        @"%{SUMMARY}|%{DESCRIPTION}|%{LICENSE}|%{URL}|%{VENDOR}|%{PACKAGER}|%{GROUP}|%{SOURCERPM}|%{DISTRIBUTION}|%{OS}|%{PLATFORM}|%{OPTFLAGS}|%{COOKIE}|%{RPMVERSION}\n",
        @"%{PAYLOADFORMAT}|%{PAYLOADCOMPRESSOR}|%{PAYLOADFLAGS}|%{FILEDIGESTALGO}|%{PAYLOADDIGEST}|%{PAYLOADDIGESTALGO}|%{SIGMD5}|%{SHA1HEADER}|%{SHA256HEADER}|%{SIGSIZE}|%{LONGSIGSIZE}|%{RSAHEADER:pgpsig}|%{DSAHEADER:pgpsig}|%{SIGGPG:pgpsig}|%{SIGPGP:pgpsig}\n",
        @"%|PREIN?{pre(%{PREINPROG}): %{PREIN}\n}|%|POSTIN?{post(%{POSTINPROG}) %{POSTINFLAGS}: %{POSTIN}\n}|%|PREUN?{preun: %{PREUN}\n}|%|POSTUN?{postun: %{POSTUN}\n}|%|PRETRANS?{pretrans: %{PRETRANS}\n}|%|POSTTRANS?{posttrans: %{POSTTRANS}\n}|%|VERIFYSCRIPT?{verify: %{VERIFYSCRIPT}\n}|[%{PREINPROG} ]",
        @"[%{TRIGGERSCRIPTPROG} %{TRIGGERTYPE} (%{TRIGGERCONDS}): %{TRIGGERSCRIPTS}\n][%{TRIGGERNAME} %{TRIGGERFLAGS:triggertype} %{TRIGGERINDEX} %{TRIGGERVERSION}\n]",
        @"[%{FILETRIGGERSCRIPTPROG} %{FILETRIGGERTYPE} %{FILETRIGGERPRIORITIES} (%{FILETRIGGERCONDS}): %{FILETRIGGERSCRIPTS}\n][%{TRANSFILETRIGGERSCRIPTPROG} %{TRANSFILETRIGGERTYPE} (%{TRANSFILETRIGGERCONDS}): %{TRANSFILETRIGGERSCRIPTS}\n]",
        @"%-30{NAME}|%10{VERSION}|%-5{#FILENAMES}|%{=NAME}|%{#REQUIRENAME}|%%|%{NAME:shescape}|%{SUMMARY:xml}\n[%{=NAME}:%{BASENAMES} %{DIRINDEXES}\n][%{DIRNAMES}\n]",
        @"[%{CHANGELOGTIME:day} %{CHANGELOGNAME}\n%{CHANGELOGTEXT}\n\n]",
        @"[%{FILEPROVIDE}|%{FILEREQUIRE}\n][%{INSTFILENAMES}\n]%{HEADERCOLOR}|%{DBINSTANCE}|%{VERBOSE}|%{SOURCEPACKAGE}|%{HEADERI18NTABLE}|%{#HEADERI18NTABLE}",
        @"%{SIGMD5:base64}%{SIGMD5:armor}%{SHA1HEADER:armor}%{SIGMD5:arraysize}%{RSAHEADER:base64}%{SIGMD5:xml}|%{SIGMD5:hex}|%{NAME:tagname}%{NAME:tagnum}%{SIZE:tagname}%{FILEMD5S:tagname}|%{NAME:expand}|%{BUILDTIME:humaniec}\n",
        @"[%{FILEMODES:fstatus}|%{FILEFLAGS:vflags}|%{FILESTATES:fstate}|%{FILEMODES:triggertype}|%{REQUIREFLAGS:deptype}\n]",
        @"%|SUMMARY?{%{SUMMARY:shescape}}:{nosum}|%|RPMTAG_EPOCH?{E%{EPOCH}}:{noepoch}|%|BOGUS?{x}:{y}|%|TRIGGERCONDS?{T}|%|FILENAMES?{[%{=NAME}:%{FILENAMES:shescape}\n]}:{nofiles\n}|",
        @"%20{NEVRA}|%-40{SOURCERPM}|%5{FILESIZES}|%-3{#PROVIDENAME}|%{=FILENAMES}|[%{#FILENAMES}%{=EPOCHNUM}]\a\b\f\r\t\v\q\\\n",
        @"[%{FILENAMES:xml}\n][%{REQUIREFLAGS:xml}\n][%{CHANGELOGTEXT:shescape}\n][%{PREINPROG:arraysize}]",
        @"[%{NAME} %{FILENAMES}\n]",
        @"[%{*:xml}\n]",
    ];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Render_EveryFixturePackage_MatchesRpmByteForByte(string format)
    {
        var packages = RpmOracle.AllPackages();
        var expected = RpmOracle.Query(format, packages);
        var formatter = RpmQueryFormatter.Compile(format);
        var failures = new List<string>();
        for (var i = 0; i < packages.Count; i++)
        {
            byte[] actual;
            try
            {
                actual = formatter.Render(RpmPackageHeaders.Read(packages[i]));
            }
            catch (InvalidDataException)
            {
                // rpm prints nothing for a package it cannot render (e.g. arrays of different sizes).
                actual = [];
            }

            if (!actual.AsSpan().SequenceEqual(expected[i]))
            {
                failures.Add($"{packages[i]}: {RpmOracle.FirstDifference(expected[i], actual)}");
            }
        }

        Assert.True(packages.Count >= 421, $"expected every fixture package, found {packages.Count}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {packages.Count} differ:\n" + string.Join('\n', failures.Take(5)));
    }
}
