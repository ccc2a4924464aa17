using Basalt.Rpm.Writer;
using YamlDotNet.RepresentationModel;

namespace Basalt.Rpm.Manifest;

/// <summary>
/// The "scriptlets" section: a mapping from pre, post, preun, postun, pretrans and posttrans to either a body
/// (run by /bin/sh) or a mapping with "interpreter" and "body".
/// </summary>
internal static class ManifestScriptlets
{
    private static readonly Dictionary<string, RpmScriptletKind> Kinds = new(StringComparer.Ordinal)
    {
        ["pre"] = RpmScriptletKind.Pre,
        ["post"] = RpmScriptletKind.Post,
        ["preun"] = RpmScriptletKind.PreUn,
        ["postun"] = RpmScriptletKind.PostUn,
        ["pretrans"] = RpmScriptletKind.PreTrans,
        ["posttrans"] = RpmScriptletKind.PostTrans,
    };

    private static readonly string[] ScriptletKeys = ["interpreter", "body"];

    public static List<RpmScriptlet> Read(YamlMappingNode root, ManifestErrors errors)
    {
        var result = new List<RpmScriptlet>();
        var node = ManifestErrors.Get(root, "scriptlets");
        if (node is null)
        {
            return result;
        }

        if (node is not YamlMappingNode mapping)
        {
            errors.Add("scriptlets", "expected a mapping of pre, post, preun, postun, pretrans, posttrans");
            return result;
        }

        errors.CheckKeys(mapping, "scriptlets", Kinds.Keys.ToArray());
        foreach (var (name, kind) in Kinds)
        {
            var keyPath = $"scriptlets.{name}";
            switch (ManifestErrors.Get(mapping, name))
            {
                case null:
                    continue;
                case YamlScalarNode { Value: { Length: > 0 } body }:
                    result.Add(new RpmScriptlet(kind, "/bin/sh", body));
                    break;
                case YamlMappingNode script:
                    errors.CheckKeys(script, keyPath, ScriptletKeys);
                    var interpreter = errors.String(script, "interpreter", keyPath) ?? "/bin/sh";
                    var text = errors.String(script, "body", keyPath, required: true);
                    if (interpreter != RpmScriptlet.LuaInterpreter && !interpreter.StartsWith('/'))
                    {
                        errors.Add($"{keyPath}.interpreter", $"'{interpreter}' is neither an absolute path nor <lua>");
                    }
                    else if (text is not null)
                    {
                        result.Add(new RpmScriptlet(kind, interpreter, text));
                    }

                    break;
                default:
                    errors.Add(keyPath, "expected a script body or a mapping with interpreter and body");
                    break;
            }
        }

        return result;
    }
}
