using System.Text.Json.Nodes;
using Pinn.Host.Manifests;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Manifests;

/// <summary>Each bad manifest is refused with every mistake named by its JSON path.</summary>
public sealed class ManifestValidationTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Valid = """
        {
          "name": "poisson2d-adam",
          "seed": 0,
          "device": "auto",
          "dtype": "float64",
          "problem":   { "name": "poisson2d" },
          "model":     { "hidden": [64], "activation": "tanh" },
          "engine":    { "name": "autodiff" },
          "sampler":   { "name": "lhs", "points": { "interior": 900, "boundary": 120 }, "resampleEvery": 0 },
          "optimizer": { "name": "adam", "options": { "lr": 0.001 } },
          "budget":    { "steps": 20000, "seconds": 60 },
          "evaluation": { "every": 100, "points": 9000 }
        }
        """;

    /// <summary>A case: a change to the valid manifest and the messages it must produce.</summary>
    public static TheoryData<string, string, string[]> BadManifests() => new()
    {
        { "negative learning rate", "$.optimizer.options.lr=-1", ["$.optimizer.options.lr: must be > 0"] },
        { "learning rate of the wrong type", "$.optimizer.options.lr=\"fast\"", ["$.optimizer.options.lr: must be a number"] },
        { "unknown option", "$.optimizer.options.momentum=0.9", ["$.optimizer.options.momentum: unknown option (allowed: beta1, beta2, clipNorm, eps, lr)"] },
        { "unknown optimizer", "$.optimizer.name=\"adamw\"", ["$.optimizer.name: no optimizer plugin named 'adamw' (available: adam, anagram, engd, engd-layerwise, hessian-free, kfac, kfac-star, lbfgs, levenberg-marquardt, sgd)"] },
        { "unknown problem", "$.problem.name=\"navier-stokes\"", ["$.problem.name: no problem plugin named 'navier-stokes' (available: allen-cahn, burgers, burgers-self-similar, fokker-planck9d, heat-inverse, heat-nd, heat1d, heat2d-ms, heat4d, kovasznay, laplace2d, laplace5d, nonlinear-poisson, ns2d-c, ns2d-cg, poisson-inverse, poisson100d, poisson10d, poisson2d, poisson2d-c, poisson2d-cg, poisson5d, wave1d-c)"] },
        { "unknown engine", "$.engine.name=\"jax\"", ["$.engine.name: no engine plugin named 'jax' (available: autodiff, forward-laplacian, n-tangentprop)"] },
        { "missing problem", "$.problem=", ["$.problem: is required"] },
        { "device not known", "$.device=\"tpu\"", ["$.device: 'tpu' is not allowed (one of: auto, cpu, cuda)"] },
        { "cuda without a GPU", "$.device=\"cuda\"", ["$.device: cuda is not available here"] },
        { "dtype not known", "$.dtype=\"float16\"", ["$.dtype: 'float16' is not allowed (one of: float64, float32)"] },
        { "zero width", "$.model.hidden=[64,0]", ["$.model.hidden[1]: must be between 1 and"] },
        { "unknown activation", "$.model.activation=\"relu\"", ["$.model.activation: 'relu' is not allowed (one of: tanh, sin, softplus, sigmoid, silu)"] },
        { "unknown init", "$.model.init=\"zeros\"", ["$.model.init: 'zeros' is not allowed (one of: normal, glorot-normal, glorot-uniform, fan-in-uniform)"] },
        { "points for a condition the problem lacks", "$.sampler.points.walls=10", ["$.sampler.points.walls: the problem has no condition 'walls' (its conditions: interior, boundary)"] },
        { "zero points", "$.sampler.points.interior=0", ["$.sampler.points.interior: must be between 1 and"] },
        { "misspelt top-level key", "$.optimiser={}", ["$.optimiser: unknown key"] },
        { "empty budget", "$.budget={}", ["$.budget.steps: give \"steps\" or \"seconds\" (or both)"] },
        {
            "a discrepancy alone, for a condition the problem lacks, at a level ≤ 0", "$.budget={\"discrepancy\":{\"data\":0.1,\"boundary\":0}}",
            ["$.budget.steps: give \"steps\" or \"seconds\" (or both); \"discrepancy\" ends a stage early, never alone", "$.budget.discrepancy.boundary: must be > 0"]
        },
        {
            "a discrepancy for a condition a hard constraint replaces", "$.model.hardConstraints=true;$.budget={\"steps\":10,\"discrepancy\":{\"boundary\":0.1}}",
            ["$.budget.discrepancy.boundary: condition 'boundary' holds exactly under the hard constraint: it has no residual to stop at"]
        },
        {
            "a discrepancy for a condition the problem lacks and an empty one in a later stage",
            "$.optimizer=;$.budget=;$.stages=[{\"optimizer\":{\"name\":\"adam\"},\"budget\":{\"steps\":10,\"discrepancy\":{\"data\":0.1}}},"
            + "{\"optimizer\":{\"name\":\"adam\"},\"budget\":{\"steps\":10,\"discrepancy\":{}}}]",
            ["$.stages[0].budget.discrepancy.data: the problem has no condition 'data' (its conditions: interior, boundary)",
             "$.stages[1].budget.discrepancy: must name at least one condition"]
        },
        { "stages beside optimizer", "$.stages=[]", ["$.stages: give either \"stages\" or \"optimizer\" with \"budget\", not both"] },
        { "version range nobody satisfies", "$.optimizer.version=\">=2.0\"", ["$.optimizer.version: no version of optimizer 'adam' satisfies '>=2.0' (found: 1.0.1)"] },
        { "version range that is not one", "$.optimizer.version=\"latest\"", ["$.optimizer.version: 'latest' is not a version"] },
        { "problem option out of range", "$.problem.name=\"heat1d\";$.sampler.points={};$.problem.options={\"diffusivity\":-1}", ["$.problem.options.diffusivity: must be > 0"] },
        { "options on a plugin that takes none", "$.problem.options={\"k\":1}", ["$.problem.options.k: unknown option (this plugin takes no options)"] },
        { "checkpoint cadence of zero", "$.checkpointEvery=0", ["$.checkpointEvery: must be ≥ 1"] },
        { "weight for an unknown condition", "$.problem.weights={\"initial\":2}", ["$.problem.weights.initial: the problem has no condition 'initial'"] },
        {
            "several mistakes at once", "$.seed=-1;$.model.activation=\"relu\";$.optimizer.options.lr=0;$.evaluation.every=0",
            ["$.seed: must be ≥ 0", "$.model.activation: 'relu' is not allowed", "$.optimizer.options.lr: must be > 0", "$.evaluation.every: must be ≥ 1"]
        },
    };

    [Theory]
    [MemberData(nameof(BadManifests))]
    public void Bad_manifest_is_refused_with_its_messages(string description, string edits, string[] messages)
    {
        var text = Apply(Valid, edits);
        var e = Should.Throw<ManifestException>(() => Validate(text), description);
        var reported = string.Join("\n", e.Errors.Select(x => x.ToString()));
        foreach (var m in messages) reported.ShouldContain(m, Case.Sensitive, description);
    }

    [Fact]
    public void A_point_count_for_a_condition_at_fixed_points_is_refused()
    {
        var text = """
            { "name": "pinv", "problem": { "name": "poisson-inverse", "options": { "observationGrid": 4 } }, "model": { "hidden": [8] },
              "sampler": { "name": "lhs", "points": { "interior": 50, "observations": 10 } }, "optimizer": { "name": "adam" }, "budget": { "steps": 1 } }
            """;
        var e = Should.Throw<ManifestException>(() => Validate(text));
        var error = e.Errors.ShouldHaveSingleItem();
        error.Path.ShouldBe("$.sampler.points.observations");
        error.ToString().ShouldContain("16 fixed points");
        Validate(text.Replace(", \"observations\": 10", "")).Points["observations"].ShouldBe(16);
    }

    [Fact]
    public void Mistakes_in_shape_and_in_plugins_are_reported_together_and_counted_once()
    {
        var text = Apply(Valid, "$.optimizer.options.lr=-1;$.sampler.name=\"poisson-disk\";$.dtype=\"int8\"");
        var e = Should.Throw<ManifestException>(() => Validate(text));
        e.Errors.Select(x => x.Path).ShouldBe(["$.dtype", "$.sampler.name", "$.optimizer.options.lr"], ignoreOrder: true);
    }

    [Fact]
    public void Valid_manifest_resolves_every_plugin_and_fills_the_defaults()
    {
        var plan = Validate(Valid);
        plan.Problem.Descriptor.Name.ShouldBe("poisson2d");
        plan.Points["interior"].ShouldBe(900);
        plan.Stages.Single().Optimizer.Descriptor.Name.ShouldBe("adam");
        plan.Manifest.Model!.Init.ShouldBe(Abstractions.Models.Initialization.Normal);
    }

    [Fact]
    public void Not_json_is_refused_with_the_position()
    {
        var e = Should.Throw<ManifestException>(() => Validate("{ \"name\": "));
        e.Errors.Single().ToString().ShouldStartWith("$: not valid JSON (line 1");
    }

    private RunPlan Validate(string text)
    {
        return ManifestValidator.ValidateText(text, "test.json", host.Catalog, Path.GetTempPath());
    }

    /// <summary>Applies edits "path=json" separated by ';' (an empty value removes the key).</summary>
    private static string Apply(string json, string edits)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        foreach (var edit in edits.Split(';'))
        {
            var eq = edit.IndexOf('=');
            var path = edit[..eq].Split('.')[1..];
            var value = edit[(eq + 1)..];
            var node = root;
            foreach (var part in path[..^1]) node = (node[part] ??= new JsonObject()).AsObject();
            if (value.Length == 0) node.Remove(path[^1]);
            else node[path[^1]] = JsonNode.Parse(value);
        }
        return root.ToJsonString();
    }
}
