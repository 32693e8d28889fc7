using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Manifests;

/// <summary><c>pinn schema</c> writes a JSON Schema that an independent validator (Python's jsonschema) accepts, that
/// every shipped manifest satisfies, and that catches the mistakes an editor should mark.</summary>
public sealed class ManifestSchemaTests
{
    [Fact]
    public void The_schema_is_valid_every_manifest_satisfies_it_and_it_marks_wrong_options()
    {
        if (TestTools.Unavailable is { } why) Assert.Fail(why);
        using var temp = new TemporaryDirectory();
        var schema = temp.Combine("pinn.schema.json");
        var (code, error) = HostCommand.Run("schema", "--out", schema);
        code.ShouldBe(0, error);

        var manifests = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "manifests"), "*.json", SearchOption.AllDirectories);
        File.WriteAllText(temp.Combine("check.py"), """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema)
            for path in sys.argv[2:]:
                for e in validator.iter_errors(json.load(open(path))):
                    print(path, "/".join(str(p) for p in e.path), e.message[:120])
            bad = json.load(open(sys.argv[2]))
            bad["seed"] = -1
            bad["optimizer"]["options"] = {"rcond": "small", "bogus": 1}
            bad["model"]["activation"] = "relu"
            print("BAD", sorted("/".join(str(p) for p in e.path) for e in validator.iter_errors(bad)))
            """);
        var poisson = Path.Combine(RepositoryRoot.Path, "manifests", "poisson2d.json");
        var (exit, output) = TestTools.Run("/usr/bin/python3", [temp.Combine("check.py"), schema, poisson, .. manifests]);
        exit.ShouldBe(0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldHaveSingleItem(output).ShouldBe("BAD ['model/activation', 'optimizer/options', 'optimizer/options/rcond', 'seed']");
        manifests.Length.ShouldBeGreaterThan(40);
    }
}
