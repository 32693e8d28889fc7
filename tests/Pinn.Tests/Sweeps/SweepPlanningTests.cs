using System.Text.Json.Nodes;
using Pinn.Host.Plugins;
using Pinn.Host.Sweeps;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Sweeps;

/// <summary>A sweep file becomes variants — grid × (random ∪ Sobol) — each a whole, validated manifest; mistakes are all reported at once.</summary>
public sealed class SweepPlanningTests
{
    private const string Base = """
        { "name": "tiny", "problem": { "name": "poisson2d" }, "model": { "hidden": [8, 8] },
          "sampler": { "points": { "interior": 64, "boundary": 32 } },
          "optimizer": { "name": "adam" }, "budget": { "steps": 20 }, "evaluation": { "every": 10, "points": 500 } }
        """;

    private static IReadOnlyList<SweepVariant> Plan(TemporaryDirectory temp, string sweep)
    {
        File.WriteAllText(temp.Combine("base.json"), Base);
        File.WriteAllText(temp.Combine("sweep.json"), sweep);
        return SweepPlanner.Plan(SweepReader.Read(temp.Combine("sweep.json")), PluginCatalog.Load([RepositoryRoot.Plugins]), temp.Combine("cache"), threads: 1);
    }

    [Fact]
    public void Grid_and_random_axes_give_every_combination_with_its_values_set_in_a_whole_manifest()
    {
        using var temp = new TemporaryDirectory();
        var variants = Plan(temp, """
            { "base": "base.json", "grid": { "seed": [0, 1], "model.activation": ["tanh", "sin"] },
              "random": { "count": 3, "space": { "optimizer.options.lr": { "log": [1e-4, 1e-2] }, "model.hidden[1]": { "int": [4, 6] } } }, "seed": 5 }
            """);
        variants.Count.ShouldBe(2 * 2 * 3);
        variants.Select(v => v.Id).ShouldBe(Enumerable.Range(0, 12).Select(i => $"v{i:000}"));
        variants.Select(v => v.Manifest["name"]!.GetValue<string>()).Distinct().Count().ShouldBe(12);
        foreach (var v in variants)
        {
            var values = v.Values.ToDictionary(p => p.Key, p => p.Value);
            v.Manifest["seed"]!.GetValue<long>().ShouldBe(values["seed"]!.GetValue<long>());
            v.Manifest["model"]!["activation"]!.GetValue<string>().ShouldBe(values["model.activation"]!.GetValue<string>());
            var lr = v.Manifest["optimizer"]!["options"]!["lr"]!.GetValue<double>();
            lr.ShouldBe(values["optimizer.options.lr"]!.GetValue<double>());
            lr.ShouldBeInRange(1e-4, 1e-2);
            var hidden = v.Manifest["model"]!["hidden"]!.AsArray().Select(h => h!.GetValue<long>()).ToArray();
            hidden[0].ShouldBe(8);
            hidden[1].ShouldBeInRange(4, 6);
            v.Manifest["threads"]!.GetValue<int>().ShouldBe(1);
        }
        // The random points are the same for every grid combination, and drawn again the same from the same seed.
        variants.Take(3).Select(v => v.Manifest["optimizer"]!["options"]!["lr"]!.GetValue<double>())
                .ShouldBe(variants.Skip(9).Select(v => v.Manifest["optimizer"]!["options"]!["lr"]!.GetValue<double>()));
        using var again = new TemporaryDirectory();
        Plan(again, File.ReadAllText(temp.Combine("sweep.json"))).Select(v => v.Manifest.ToJsonString()).ShouldBe(variants.Select(v => v.Manifest.ToJsonString()));
    }

    [Fact]
    public void A_relative_weightsFrom_is_made_absolute_from_the_base_manifests_folder_or_the_sweep_files_for_a_swept_one()
    {
        using var temp = new TemporaryDirectory();
        // A trained run beside the base manifest, which is in another folder than the sweep file and the working directory.
        Directory.CreateDirectory(temp.Combine("bases"));
        Directory.CreateDirectory(temp.Combine("sweeps"));
        var source = Base.Replace("\"hidden\": [8, 8]", "\"hidden\": [8]").Replace("\"steps\": 20", "\"steps\": 1");
        var plan = Pinn.Host.Manifests.ManifestValidator.ValidateText(source, "source.json", PluginCatalog.Load([RepositoryRoot.Plugins]), temp.Combine("cache"));
        new Pinn.Host.Training.TrainingRun(plan, temp.Combine("bases", "source")).Execute(CancellationToken.None, _ => { });
        File.WriteAllText(temp.Combine("bases", "base.json"), source.Replace("\"hidden\": [8]", "\"hidden\": [8], \"weightsFrom\": \"source\""));
        File.WriteAllText(temp.Combine("sweeps", "sweep.json"), """{ "base": "../bases/base.json", "grid": { "seed": [0, 1] } }""");
        File.WriteAllText(temp.Combine("sweeps", "swept.json"), """{ "base": "../bases/base.json", "grid": { "model.weightsFrom": ["../bases/source"] } }""");
        var checkpoint = temp.Combine("bases", "source", "checkpoint.bin");
        foreach (var sweep in new[] { "sweep.json", "swept.json" })
        {
            var variants = SweepPlanner.Plan(SweepReader.Read(temp.Combine("sweeps", sweep)), PluginCatalog.Load([RepositoryRoot.Plugins]), temp.Combine("cache"), threads: 1);
            variants.ShouldAllBe(v => v.Manifest["model"]!["weightsFrom"]!.GetValue<string>() == checkpoint);
        }
    }

    [Fact]
    public void A_Sobol_space_spreads_its_points_evenly_over_every_axis()
    {
        using var temp = new TemporaryDirectory();
        var variants = Plan(temp, """
            { "base": "base.json", "sobol": { "count": 16, "space": { "optimizer.options.beta1": { "uniform": [0.8, 0.96] },
                                                                     "model.activation": { "choice": ["tanh", "sin", "silu", "sigmoid"] } } } }
            """);
        variants.Count.ShouldBe(16);
        var beta = variants.Select(v => v.Manifest["optimizer"]!["options"]!["beta1"]!.GetValue<double>()).ToArray();
        beta.ShouldAllBe(b => b >= 0.8 && b < 0.96);
        // Each quarter of the range holds a quarter of the points (a uniform random draw would miss this often).
        for (var q = 0; q < 4; q++) beta.Count(b => b >= 0.8 + 0.04 * q && b < 0.8 + 0.04 * (q + 1)).ShouldBe(4);
        variants.GroupBy(v => v.Manifest["model"]!["activation"]!.GetValue<string>()).Select(g => g.Count()).ShouldAllBe(c => c == 4);
    }

    [Fact]
    public void Every_mistake_of_a_sweep_is_reported_at_once_with_its_place_before_anything_runs()
    {
        using var temp = new TemporaryDirectory();
        File.WriteAllText(temp.Combine("base.json"), Base);
        File.WriteAllText(temp.Combine("bad.json"), """
            { "base": "base.json", "grid": { "seed": [0, -1], "optimizer.optoins.lr": [1], "model.hidden[3]": [4], "budget.steps": [] },
              "random": { "count": 2, "space": { "optimizer.options.lr": { "log": [0, 1] }, "model.activation": { "choice": ["tanh", "relu"] },
                                                 "optimizer.options.beta1": { "uniform": ["a", 1] } } }, "extra": 1 }
            """);
        var (code, error) = HostCommand.Run("sweep", temp.Combine("bad.json"), "--out", temp.Combine("out"));
        code.ShouldBe(2);
        error.ShouldContain("$.extra: unknown key (allowed: base, grid, random, sobol, seed)");
        error.ShouldContain("$.grid[\"budget.steps\"]: must be a non-empty array");
        error.ShouldContain("$.random.space[\"optimizer.options.lr\"].log: [0, 1] needs 0 < low");
        error.ShouldContain("$.random.space[\"optimizer.options.beta1\"].uniform: must be [low, high], two finite numbers");
        error.ShouldContain("$.grid[\"optimizer.optoins.lr\"]: $.optimizer has no \"optoins\" (it has: name)");
        error.ShouldContain("$.grid[\"model.hidden[3]\"]: $.model.hidden has 2 elements, so there is no [3]");
        error.ShouldContain("$.model.activation: 'relu' is not allowed (one of: tanh, sin, softplus, sigmoid, silu) — in variants");
        error.ShouldContain("$.seed: must be ≥ 0");
        error.ShouldContain("v002 (seed = -1");
        Directory.Exists(temp.Combine("out")).ShouldBeFalse();
    }

    [Fact]
    public void Slurm_options_sbatch_would_refuse_are_refused_before_anything_is_written()
    {
        using var temp = new TemporaryDirectory();
        File.WriteAllText(temp.Combine("base.json"), Base);
        File.WriteAllText(temp.Combine("sweep.json"), """{ "base": "base.json", "grid": { "seed": [0, 1] } }""");
        var (code, error) = HostCommand.Run("sweep", temp.Combine("sweep.json"), "--emit", "slurm", "--out", temp.Combine("out"),
                                            "--time", "2:75:00", "--mem", "4GB", "--partition", "gpu nodes", "--max-parallel", "0");
        code.ShouldBe(2);
        error.ShouldContain("--time \"2:75:00\"");
        error.ShouldContain("--mem \"4GB\"");
        error.ShouldContain("--partition \"gpu nodes\"");
        error.ShouldContain("--max-parallel 0");
        Directory.Exists(temp.Combine("out")).ShouldBeFalse();
        HostCommand.Run("sweep", temp.Combine("sweep.json"), "--emit", "pbs", "--out", temp.Combine("out")).Error.ShouldContain("--emit \"pbs\": the allowed value is slurm");
    }
}
