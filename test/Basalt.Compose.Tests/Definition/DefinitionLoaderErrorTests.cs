namespace Basalt.Compose.Tests.Definition;

public sealed class DefinitionLoaderErrorTests
{
    [Fact]
    public void Parse_SeveralErrors_ReportsEveryOneWithKeyPathAndPosition()
    {
        const string Yaml = """
            name: Test Image
            version: 2026.11
            arch: sparc
            hostnme: web
            repositories:
              - id: base
                baseurl: ftp://mirror.example.org/base
              - id: base
                path: repo
                baseurl: https://example.org/x
                gpgcheck: false
                priority: 0
            packages:
              install: []
            users:
              - name: core
                uid: 1000
                groups: [wheel, docker]
              - name: dev
                uid: 1000
              - name: Bad
                uid: 70000
            files:
              - path: /etc/../shadow
                content: x
                mode: 0644
                owner: nobody-here
            """;

        var exception = Assert.Throws<Compose.Definition.DefinitionException>(() => DefinitionFixture.Load(Yaml));

        Assert.Equal("""
            'image.yaml' is not a valid image definition (17 errors):
              name (line 1, column 7): 'Test Image' is not a valid image name (lower-case letters, digits and . _ -, starting with a letter or digit, at most 64)
              version (line 2, column 10): expected text, found a number (quote it: "2026.11")
              arch (line 3, column 7): 'sparc' is not one of: x86_64, aarch64
              hostnme (line 4, column 1): unknown key 'hostnme'; did you mean 'hostname'?
              repositories[0].gpg_keys (line 6, column 5): is required when gpgcheck or repo_gpgcheck is true (or set gpgcheck: false for an unsigned repository)
              repositories[0].baseurl (line 7, column 14): 'ftp://mirror.example.org/base' is not an http, https or file URL
              repositories[1] (line 8, column 5): needs exactly one of 'baseurl' and 'path'
              repositories[1].id (line 8, column 9): repository id 'base' is used twice
              repositories[1].priority (line 12, column 15): 0 is out of range (1 to 99)
              packages.install (line 14, column 12): must list at least one item
              users[0].groups[1] (line 18, column 21): group 'docker' is neither defined in 'groups' nor a standard group
              users[1].uid (line 20, column 10): uid 1000 is already used by 'core'
              users[2].name (line 21, column 11): 'Bad' is not a valid user name (lower-case letters, digits, _ and -, starting with a letter or _, at most 31 characters)
              users[2].uid (line 22, column 10): 70000 is out of range (0 to 60000)
              files[0].path (line 24, column 11): '/etc/../shadow' is not a normalised absolute path (starts with /, no empty, . or .. segments, no trailing /)
              files[0].mode (line 26, column 11): must be an octal string: quote it ("0644")
              files[0].owner (line 27, column 12): user 'nobody-here' is neither defined in 'users' nor a standard user
            """.Replace("\r", "", StringComparison.Ordinal).TrimEnd('\n'), exception.Message);
    }

    [Theory]
    [InlineData("hostname: -web.example.org", "hostname (line 8, column 11): '-web.example.org' is not a valid host name (RFC 1123: dot-separated labels of letters, digits and inner hyphens, at most 64 characters)")]
    [InlineData("outputs: [raw, iso]", "outputs[1] (line 8, column 16): 'iso' is not one of: raw, vhd, qcow2, cosi, oci")]
    [InlineData("outputs: [raw, raw]", "outputs[1] (line 8, column 16): 'raw' is listed twice")]
    [InlineData("systemd: {enable: [sshd]}", "systemd.enable[0] (line 8, column 20): 'sshd' is not a systemd unit name (name[@instance].type, e.g. sshd.service; see systemd.unit(5))")]
    [InlineData("systemd: {enable: [sshd.service], mask: [sshd.service]}", "systemd.mask[0] (line 8, column 42): 'sshd.service' is also listed in 'enable'")]
    [InlineData("kernel_cmdline: [usrhash=abc]", "kernel_cmdline[0] (line 8, column 18): 'usrhash' is set by Basalt from the usr partition's verity root hash")]
    [InlineData("kernel_cmdline: ['a b']", "kernel_cmdline[0] (line 8, column 18): 'a b' is not one kernel argument (printable ASCII, no spaces or quotes; list each argument separately)")]
    [InlineData("disk: {size: 2GB}", "disk.size (line 8, column 14): '2GB' is not a size (a whole number with K, M, G or T, e.g. 512M or 2G)")]
    [InlineData("disk: {partitions: {esp: 16M}}", "disk.partitions.esp (line 8, column 26): '16M' is out of range (33M to 4G)")]
    [InlineData("disk: {partitions: {usr: 1536K}}", "disk.partitions.usr (line 8, column 26): '1536K' is not a whole number of MiB (partitions are 1M-aligned)")]
    [InlineData("disk: {partitions: {usr: 64G, verity: 256M}}", "disk.partitions.verity (line 8, column 39): 256M cannot hold the hash tree of a 64G usr partition (needs 517M)")]
    [InlineData("disk: {size: 2G}", "disk.size (line 8, column 14): 2G is too small for the partitions, which need at least 4434M (1M GPT at each end, esp, 2 × (usr + verity), root)")]
    [InlineData("files: [{path: /etc/a, source: missing.conf}]", "files[0].source (line 8, column 32): file 'missing.conf' does not exist (looked for '{dir}/missing.conf')")]
    [InlineData("files: [{path: /etc/a, content: x, source: present.conf}]", "files[0] (line 8, column 9): needs exactly one of 'content' and 'source'")]
    [InlineData("files: [{path: etc/a, content: x, mode: '0999'}]", "files[0].path (line 8, column 16): 'etc/a' is not a normalised absolute path (starts with /, no empty, . or .. segments, no trailing /)|files[0].mode (line 8, column 41): '0999' is not an octal mode (3 or 4 octal digits, e.g. \"0644\")")]
    [InlineData("files: [{path: /a, content: x}, {path: /a, content: y}]", "files[1].path (line 8, column 40): '/a' is listed twice")]
    [InlineData("files: [{path: /a, content: x, group: docker}]", "files[0].group (line 8, column 39): group 'docker' is neither defined in 'groups' nor a standard group")]
    [InlineData("groups: [{name: ops, gid: 10}, {name: ops, gid: 10}]", "groups[1].name (line 8, column 39): group 'ops' is defined twice|groups[1].gid (line 8, column 49): gid 10 is already used by 'ops'")]
    [InlineData("users: [{name: admin, uid: 0}]", "users[0].uid (line 8, column 28): uid 0 is reserved for root")]
    [InlineData("users: [{name: dev, locked: false}]", "users[0].locked (line 8, column 29): false needs a password_hash (an empty password is never written)")]
    [InlineData("users: [{name: dev, password_hash: secret}]", "users[0].password_hash (line 8, column 36): is not a crypt(5) hash of a current algorithm ($y$, $gy$, $7$, $2b$, $6$ or $5$); generate one with mkpasswd or openssl passwd -6")]
    [InlineData("users: [{name: dev, ssh_authorized_keys: ['ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQAB dev']}]", "users[0].ssh_authorized_keys[0] (line 8, column 43): the key data does not hold a ssh-ed25519 key")]
    [InlineData("users: [{name: dev, ssh_authorized_keys: ['ssh-dss AAAA']}]", "users[0].ssh_authorized_keys[0] (line 8, column 43): is not an SSH public key line (expected '<type> <base64> [comment]' with type one of: ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256, ecdsa-sha2-nistp384, ecdsa-sha2-nistp521, sk-ssh-ed25519@openssh.com, sk-ecdsa-sha2-nistp256@openssh.com)")]
    [InlineData("users: [{name: dev, home: /home/dev/}]", "users[0].home (line 8, column 27): '/home/dev/' is not a normalised absolute path (starts with /, no empty, . or .. segments, no trailing /)")]
    [InlineData("os_release: {IMAGE_VERSION: '2'}", "os_release.IMAGE_VERSION (line 8, column 29): '2' differs from version '1.0.0' (leave it out: it defaults to the version)")]
    [InlineData("os_release: {ID: Basalt}", "os_release.ID (line 8, column 18): 'Basalt' may hold only lower-case letters, digits and . _ - (os-release(5))")]
    [InlineData("os_release: {PRETY_NAME: x}", "os_release.PRETY_NAME (line 8, column 14): unknown key 'PRETY_NAME'; did you mean 'PRETTY_NAME'? (set ID to add vendor fields)")]
    [InlineData("os_release: {ID: acme, OTHER_CHANNEL: x}", "os_release.OTHER_CHANNEL (line 8, column 24): unknown key 'OTHER_CHANNEL'; expected one of: NAME, ID, ID_LIKE, PRETTY_NAME, CPE_NAME, VARIANT, VARIANT_ID, VERSION, VERSION_ID, VERSION_CODENAME, BUILD_ID, IMAGE_ID, IMAGE_VERSION, RELEASE_TYPE, HOME_URL, DOCUMENTATION_URL, SUPPORT_URL, BUG_REPORT_URL, PRIVACY_POLICY_URL, SUPPORT_END, LOGO, ANSI_COLOR, VENDOR_NAME, VENDOR_URL, DEFAULT_HOSTNAME, ARCHITECTURE, SYSEXT_LEVEL, CONFEXT_LEVEL, SYSEXT_SCOPE, CONFEXT_SCOPE, PORTABLE_PREFIXES (vendor fields start with 'ACME_')")]
    [InlineData("reproducibility: {source_date_epoch: '1700000000', sed: x}", "reproducibility.source_date_epoch (line 8, column 38): expected a whole number, found text|reproducibility.sed (line 8, column 52): unknown key 'sed'; did you mean 'seed'?")]
    public void Parse_InvalidValue_ReportsTheError(string addition, string expected)
    {
        var errors = DefinitionFixture.Errors(DefinitionFixture.Minimal + addition + "\n");

        Assert.Equal(expected.Split('|'), errors.Select(e => e.Replace(Path.GetTempPath().TrimEnd('/'), "{tmp}", StringComparison.Ordinal)).Select(Normalise));
    }

    [Fact]
    public void Parse_MissingRequiredKeys_NamesEach()
    {
        var errors = DefinitionFixture.Errors("arch: x86_64\n");

        Assert.Equal(
        [
            "name (line 1, column 1): is required",
            "version (line 1, column 1): is required",
            "repositories (line 1, column 1): is required",
            "packages (line 1, column 1): is required",
        ], errors);
    }

    [Fact]
    public void Parse_NotYaml_ReportsThePosition()
    {
        var errors = DefinitionFixture.Errors("name: a\n  bad: indent\nversion: 1.0\n");

        var error = Assert.Single(errors);
        Assert.StartsWith("(document) (line 2, column 6): not valid YAML: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateKey_IsAYamlErrorAtTheSecondKey()
    {
        var errors = DefinitionFixture.Errors(DefinitionFixture.Minimal + "packages: {install: [x]}\n");

        var error = Assert.Single(errors);
        Assert.StartsWith("(document) (line 8, column 1): not valid YAML: Duplicate key", error, StringComparison.Ordinal);
    }

    private static string Normalise(string error) =>
        System.Text.RegularExpressions.Regex.Replace(error, @"'\{tmp\}/compose-def-[0-9a-f]{32}", "'{dir}");
}
