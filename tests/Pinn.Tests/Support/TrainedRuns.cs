using Pinn.Host.Manifests;
using Pinn.Host.Training;
using TorchSharp;

namespace Pinn.Tests.Support;

/// <summary>
/// Two short training runs shared by the tests of the commands that look at a run: poisson2d (2 → 16 → 1, ENGD with the
/// forward Laplacian, 80 steps) and heat1d (inputs t, x; 40 ENGD steps). Written once per test class into a temporary
/// folder.
/// </summary>
public sealed class TrainedRuns : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public TrainedRuns()
    {
        var host = new HostFixture();
        Poisson2d = Train(host, "poisson2d", """
            { "name": "poisson2d-small", "seed": 0, "dtype": "float64", "threads": 2,
              "problem": { "name": "poisson2d" },
              "model": { "hidden": [16], "activation": "tanh" },
              "engine": { "name": "forward-laplacian" },
              "sampler": { "name": "lhs", "points": { "interior": 300, "boundary": 80 } },
              "optimizer": { "name": "engd" },
              "budget": { "steps": 80 },
              "evaluation": { "every": 20, "points": 2000 } }
            """);
        Heat1d = Train(host, "heat1d", """
            { "name": "heat1d-small", "seed": 0, "dtype": "float64", "threads": 2,
              "problem": { "name": "heat1d" },
              "model": { "hidden": [16], "activation": "tanh" },
              "engine": { "name": "forward-laplacian" },
              "sampler": { "name": "lhs", "points": { "interior": 200, "boundary": 40, "initial": 40 } },
              "optimizer": { "name": "engd" },
              "budget": { "steps": 40 },
              "evaluation": { "every": 10, "points": 2000 } }
            """);
    }

    /// <summary>The poisson2d run folder.</summary>
    public string Poisson2d { get; }

    /// <summary>The heat1d run folder.</summary>
    public string Heat1d { get; }

    private string Train(HostFixture host, string name, string manifest)
    {
        var directory = _folder.Combine(name);
        Directory.CreateDirectory(directory);
        var plan = ManifestValidator.ValidateText(manifest, $"{name}.json", host.Catalog, _folder.Combine("cache"));
        new TrainingRun(plan, directory).Execute(CancellationToken.None, _ => { });
        return directory;
    }

    /// <summary>u_θ(x) [N, m] computed from checkpoint.bin's tensors by hand (tanh hidden layers, linear output), independent
    /// of the host's network class: what the commands must reproduce.</summary>
    public static torch.Tensor ForwardFromCheckpoint(string run, torch.Tensor x)
    {
        var (_, tensors) = Checkpoint.Read(Path.Combine(run, "checkpoint.bin"));
        var layers = tensors.Keys.Count(k => k.StartsWith("network.layers.", StringComparison.Ordinal) && k.EndsWith(".weight", StringComparison.Ordinal));
        var h = x;
        for (var l = 0; l < layers; l++)
        {
            h = h.matmul(tensors[$"network.layers.{l}.weight"].t()) + tensors[$"network.layers.{l}.bias"];
            if (l < layers - 1) h = h.tanh();
        }
        return h;
    }

    public void Dispose() => _folder.Dispose();
}
