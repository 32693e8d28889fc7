using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Sweeps;

/// <summary>
/// <c>pinn sweep --emit slurm</c> on a real Slurm: a one-node cluster on this machine (Debian's slurm-wlm and munge,
/// set up and started by build/start-slurm.sh). Skipped, with the reason, only where those packages cannot be installed.
/// </summary>
public sealed class SlurmSweepTests
{
    private static readonly Lazy<string?> Cluster = new(() =>
    {
        var (code, output) = TestTools.Run("/bin/bash", [Path.Combine(RepositoryRoot.Path, "build", "start-slurm.sh")]);
        return code == 0 ? null : output.Trim();
    });

    [SkippableFact]
    public void A_job_array_runs_every_variant_with_pinn_run_and_collect_tabulates_it()
    {
        if (Cluster.Value is { } why)
        {
            Skip.If(why.Contains("is missing and this is not root") || why.Contains("Unable to locate package") || why.Contains("Temporary failure resolving"),
                    $"no Slurm here: {why}");
            Assert.Fail($"build/start-slurm.sh could not start the cluster: {why}");
        }
        using var temp = new TemporaryDirectory();
        File.WriteAllText(temp.Combine("base.json"), """
            { "name": "slurm", "problem": { "name": "poisson2d" }, "model": { "hidden": [8] },
              "sampler": { "points": { "interior": 64, "boundary": 32 } },
              "optimizer": { "name": "adam", "options": { "lr": 0.01 } }, "budget": { "steps": 40 }, "evaluation": { "every": 20, "points": 500 } }
            """);
        File.WriteAllText(temp.Combine("sweep.json"), """{ "base": "base.json", "grid": { "seed": [0, 1, 2] } }""");
        var folder = temp.Combine("array");
        var (code, error) = HostCommand.Run("sweep", temp.Combine("sweep.json"), "--emit", "slurm", "--out", folder, "--threads", "1",
                                            "--time", "10:00", "--mem", "2G", "--setup", "export PINN_NO_BUILD=1");
        code.ShouldBe(0, error);
        var script = File.ReadAllText(Path.Combine(folder, "sweep.sbatch"));
        script.ShouldContain("#SBATCH --array=0-2");
        script.ShouldContain("#SBATCH --cpus-per-task=1");
        script.ShouldContain("#SBATCH --time=10:00");
        script.ShouldContain("#SBATCH --mem=2G");
        script.ShouldContain("export PINN_NO_BUILD=1");
        script.ShouldContain("run \"$dir/manifests/$id.json\"");
        File.ReadAllLines(Path.Combine(folder, "variants.txt")).ShouldBe(["v000", "v001", "v002"]);

        var submit = TestTools.Run("sbatch", ["--parsable", "--wait", Path.Combine(folder, "sweep.sbatch")]);
        submit.Code.ShouldBe(0, submit.Output + "\n" + string.Join("\n", Directory.GetFiles(Path.Combine(folder, "logs")).Select(File.ReadAllText)));

        var (collected, collectError) = HostCommand.Run("sweep", "collect", folder);
        collected.ShouldBe(0, collectError);
        var rows = File.ReadAllLines(Path.Combine(folder, "results.csv")).Skip(1).Select(r => r.Split(',')).ToArray();
        rows.Select(r => r[0]).ShouldBe(["v000", "v001", "v002"]);
        rows.ShouldAllBe(r => r[2] == "done" && r[6] == "40");
        // Each task ran the same pinn run as a local sweep: a full run folder.
        foreach (var id in new[] { "v000", "v001", "v002" })
            File.Exists(Path.Combine(folder, "runs", id, "checkpoint.bin")).ShouldBeTrue();
    }
}
