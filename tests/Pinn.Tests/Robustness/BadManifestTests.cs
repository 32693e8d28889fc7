using System.Text;
using Pinn.Host.Manifests;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Robustness;

/// <summary>
/// Every bad manifest file is refused with a message per mistake, each at its JSON path, all of them at once: option
/// mistakes together with the other options' range errors, duplicate keys at any depth, a seed beyond 2^53 − 1, a run
/// name that is a path, bytes that are not UTF-8.
/// </summary>
public sealed class BadManifestTests(HostFixture host) : IClassFixture<HostFixture>
{
    /// <summary>A valid manifest; cases replace its <c>{…}</c> placeholders.</summary>
    private const string Template = """
        {
          "name": {name},
          "seed": {seed},
          "device": "cpu",
          "problem":   { "name": "poisson2d" },
          "model":     { "hidden": [16] },
          "sampler":   { "name": "lhs", "points": { "interior": 100, "boundary": 40 } },
          "optimizer": { "name": "adam", "options": {options} },
          "budget":    { "steps": 10 }
        }
        """;

    private const string NameRule = "must be 1 to 100 ASCII letters, digits, '-', '_' or '.', starting with a letter or digit";
    private const string SeedRange = "must be ≥ 0 and ≤ 9007199254740991 (2^53 − 1, so that every JSON reader reads it exactly";

    /// <summary>The manifest with its placeholders filled (JSON text for each).</summary>
    private static string Manifest(string name = "\"ok\"", string seed = "0", string options = "{}")
        => Template.Replace("{name}", name).Replace("{seed}", seed).Replace("{options}", options);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A case: the manifest file's bytes and the messages it must produce (each with its path).</summary>
    public static TheoryData<string, byte[], string[]> BadManifests() => new()
    {
        {
            "an unknown option beside a range error", Utf8(Manifest(options: """{ "lr": -1, "nonsense": 3 }""")),
            ["$.optimizer.options.nonsense: unknown option (allowed: beta1, beta2, clipNorm, eps, lr) (optimizer 'adam')",
             "$.optimizer.options.lr: must be > 0 (optimizer 'adam')"]
        },
        {
            "an ill-typed option beside a range error", Utf8(Manifest(options: """{ "lr": "fast", "beta1": 2 }""")),
            ["$.optimizer.options.lr: must be a number (optimizer 'adam')", "$.optimizer.options.beta1: must be in [0, 1) (optimizer 'adam')"]
        },
        {
            "a duplicate key at the top level", Utf8(Manifest().Replace("\"seed\": 0,", "\"seed\": 0, \"seed\": 1,")),
            ["$.seed: duplicate key (it appears 2 times; JSON readers disagree on which one wins)"]
        },
        {
            "a duplicate key inside plugin options", Utf8(Manifest(options: """{ "lr": 0.01, "lr": 0.1 }""")),
            ["$.optimizer.options.lr: duplicate key (it appears 2 times; JSON readers disagree on which one wins)"]
        },
        {
            "a key three times in an object inside an array",
            Utf8(Manifest().Replace("\"hidden\": [16]", "\"hidden\": [16], \"x\": [{ \"a\": 1, \"a\": 2, \"a\": 3 }]")),
            ["$.model.x[0].a: duplicate key (it appears 3 times; JSON readers disagree on which one wins)", "$.model.x: unknown key"]
        },
        { "seed 2^53", Utf8(Manifest(seed: "9007199254740992")), ["$.seed: " + SeedRange] },
        { "seed beyond a long", Utf8(Manifest(seed: "18446744073709551616")), ["$.seed: " + SeedRange] },
        { "negative seed", Utf8(Manifest(seed: "-1")), ["$.seed: " + SeedRange] },
        { "fractional seed", Utf8(Manifest(seed: "1.5")), ["$.seed: must be a whole number ≥ 0 and ≤ 9007199254740991"] },
        { "name that is an absolute path", Utf8(Manifest(name: "\"/abs/path\"")), ["$.name: \"/abs/path\" is not a valid run name", NameRule] },
        { "name that climbs out of runs/", Utf8(Manifest(name: "\"../../x\"")), ["$.name: \"../../x\" is not a valid run name", NameRule] },
        { "name with a folder", Utf8(Manifest(name: "\"a/b\"")), ["$.name: \"a/b\" is not a valid run name", NameRule] },
        { "name with a backslash", Utf8(Manifest(name: "\"a\\\\b\"")), ["$.name: \"a\\\\b\" is not a valid run name", NameRule] },
        { "name with a space", Utf8(Manifest(name: "\"my run\"")), ["$.name: \"my run\" is not a valid run name", NameRule] },
        { "name with a control character", Utf8(Manifest(name: "\"run\\u0007\"")), ["$.name: \"run\\u0007\" is not a valid run name", NameRule] },
        { "name with a letter beyond ASCII", Utf8(Manifest(name: "\"café\"")), ["$.name: \"café\" is not a valid run name", NameRule] },
        { "name '.'", Utf8(Manifest(name: "\".\"")), ["$.name: \".\" is not a valid run name", NameRule] },
        { "name '..'", Utf8(Manifest(name: "\"..\"")), ["$.name: \"..\" is not a valid run name", NameRule] },
        { "name of a hidden folder", Utf8(Manifest(name: "\".hidden\"")), ["$.name: \".hidden\" is not a valid run name", NameRule] },
        { "empty name", Utf8(Manifest(name: "\"\"")), ["$.name: \"\" is not a valid run name", NameRule] },
        { "name of 101 characters", Utf8(Manifest(name: $"\"{new string('a', 101)}\"")), ["is not a valid run name", NameRule] },
        { "name that is a number", Utf8(Manifest(name: "42")), ["$.name: must be a string", NameRule] },
        { "Latin-1 bytes", Latin1(Manifest(name: "\"café\"")), [$"$: not valid UTF-8 at byte {Manifest().IndexOf("\"ok\"", StringComparison.Ordinal) + 4} (0xE9"] },
        {
            "a bad byte after a byte order mark", [0xEF, 0xBB, 0xBF, .. Utf8("{ \"name\": \"x"), 0xFF, .. Utf8("\" }")],
            ["$: not valid UTF-8 at byte 15 (0xFF, counting from 0): save the file as UTF-8"]
        },
        {
            "several mistakes at once",
            Utf8(Manifest(name: "\"../x\"", seed: "9007199254740992", options: """{ "lr": -1, "nonsense": 3, "eps": 1, "eps": 2 }""")
                 .Replace("\"device\": \"cpu\",", "\"device\": \"cpu\", \"device\": \"cpu\",")),
            ["$.name: \"../x\" is not a valid run name", "$.seed: " + SeedRange,
             "$.device: duplicate key (it appears 2 times", "$.optimizer.options.eps: duplicate key (it appears 2 times",
             "$.optimizer.options.nonsense: unknown option", "$.optimizer.options.lr: must be > 0"]
        },
    };

    [Theory]
    [MemberData(nameof(BadManifests))]
    public void A_bad_manifest_file_is_refused_with_every_message(string description, byte[] bytes, string[] messages)
    {
        var e = Should.Throw<ManifestException>(() => Validate(bytes), description);
        var reported = string.Join("\n", e.Errors.Select(x => x.ToString()));
        foreach (var m in messages) reported.ShouldContain(m, Case.Sensitive, description);
    }

    [Fact]
    public void An_ill_typed_option_gets_its_type_error_and_no_range_error()
    {
        var e = Should.Throw<ManifestException>(() => Validate(Utf8(Manifest(options: """{ "lr": "fast", "eps": -1 }"""))));

        e.Errors.Where(x => x.Path == "$.optimizer.options.lr").ShouldHaveSingleItem().Message.ShouldStartWith("must be a number");
        e.Errors.Where(x => x.Path == "$.optimizer.options.eps").ShouldHaveSingleItem().Message.ShouldStartWith("must be > 0");
        e.Errors.Count.ShouldBe(2);
    }

    [Fact]
    public void Several_mistakes_are_each_reported_once()
    {
        var bytes = Utf8(Manifest(name: "\"/abs/path\"", seed: "-5", options: """{ "lr": -1, "nonsense": 3, "nonsense": 4 }"""));

        var e = Should.Throw<ManifestException>(() => Validate(bytes));

        e.Errors.Select(x => x.Path).ShouldBe(
            ["$.name", "$.seed", "$.optimizer.options.nonsense", "$.optimizer.options.nonsense", "$.optimizer.options.lr"], ignoreOrder: true);
        e.Errors.Count(x => x.Message.StartsWith("duplicate key", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Theory]
    [InlineData("heat1d-adam")]
    [InlineData("a")]
    [InlineData("run_2.v3")]
    [InlineData("0-first")]
    public void A_name_that_is_an_identifier_is_accepted(string name)
    {
        Validate(Utf8(Manifest(name: $"\"{name}\""))).Manifest.Name.ShouldBe(name);
    }

    [Fact]
    public void A_byte_order_mark_is_fine_and_the_largest_seed_is_accepted()
    {
        var plan = Validate([0xEF, 0xBB, 0xBF, .. Utf8(Manifest(seed: "9007199254740991"))]);

        plan.Manifest.Seed.ShouldBe((1L << 53) - 1);
    }

    /// <summary>Every manifest shipped in manifests/ (and its subfolders) still validates.</summary>
    public static TheoryData<string> ShippedManifests()
    {
        var data = new TheoryData<string>();
        var root = Path.Combine(RepositoryRoot.Path, "manifests");
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order())
            data.Add(Path.GetRelativePath(root, file));
        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedManifests))]
    public void Every_shipped_manifest_still_validates(string manifest)
    {
        using var temp = new TemporaryDirectory();
        ManifestValidator.Validate(Path.Combine(RepositoryRoot.Path, "manifests", manifest), host.Catalog, temp.Path).Manifest.Name.ShouldNotBeEmpty();
    }

    private RunPlan Validate(byte[] bytes)
    {
        using var temp = new TemporaryDirectory();
        var file = temp.Combine("manifest.json");
        File.WriteAllBytes(file, bytes);
        return ManifestValidator.Validate(file, host.Catalog, temp.Combine("cache"));
    }

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);
}
