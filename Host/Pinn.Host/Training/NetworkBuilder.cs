using Pinn.Abstractions.Models;
using Pinn.Abstractions.Models.Embedding;
using Pinn.Abstractions.Models.Symmetry;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Tensors;
using Pinn.Host.Manifests;
using TorchSharp;

namespace Pinn.Host.Training;

/// <summary>The network a manifest's <c>model</c> section describes, for training and for reading a trained run back.</summary>
internal static class NetworkBuilder
{
    /// <summary>The network with its embedding (B drawn first) and initial weights, both from <paramref name="init"/>,
    /// the run's initialisation stream.</summary>
    public static Mlp Build(ModelSection model, IProblem problem, TensorSpec spec, torch.Generator init)
    {
        InputEmbedding? embedding = null;
        if (model.Embedding is { } e)
        {
            var (axes, errors) = Axes(e, problem);
            if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors.Select(x => $"{x.Path}: {x.Message}")));
            embedding = new InputEmbedding(problem.InputDimension, axes, e.Fourier, init, spec);
        }
        var (reflections, wrong) = Reflections(model.Symmetry, problem);
        if (wrong.Count > 0) throw new ArgumentException(string.Join("; ", wrong.Select(x => $"{x.Path}: {x.Message}")));
        var network = new Mlp(problem.InputDimension, model.Hidden, problem.OutputDimension, Activation.FromName(model.Activation), spec, embedding,
                              model.Adaptive, reflections);
        network.Initialize(model.Init, model.InitScale, init);
        return network;
    }

    /// <summary>The reflections by input index with one parity per output, and every mistake: an axis the problem does not
    /// have (naming its inputs), one given twice, a parity list whose length is not the number of outputs (naming them).</summary>
    public static (IReadOnlyList<Reflection> Reflections, IReadOnlyList<ManifestError> Errors) Reflections(IReadOnlyList<ReflectionSection> symmetry, IProblem problem)
    {
        var reflections = new List<Reflection>();
        var errors = new List<ManifestError>();
        var inputs = problem.InputNames.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var m = problem.OutputDimension;
        foreach (var r in symmetry)
        {
            var index = inputs.IndexOf(r.Axis);
            if (index < 0) errors.Add(new ManifestError($"{r.Path}.axis", $"'{r.Axis}' is not an input of the problem (its inputs: {string.Join(", ", inputs)})"));
            else if (!seen.Add(r.Axis)) errors.Add(new ManifestError($"{r.Path}.axis", $"'{r.Axis}' is reflected already; give each axis once"));
            if (r.Parities.Count != 1 && r.Parities.Count != m)
                errors.Add(new ManifestError($"{r.Path}.parity", $"gives {r.Parities.Count} parities for {m} outputs ({string.Join(", ", problem.OutputNames)}): "
                                                                 + "give one for every output, or one per output"));
            else if (index >= 0) reflections.Add(new Reflection(index, r.Parities.Count == 1 ? Enumerable.Repeat(r.Parities[0], m).ToArray() : r.Parities, r.Center));
        }
        return (errors.Count == 0 ? reflections : [], errors);
    }

    /// <summary>The periodic axes by index, and every mistake: an axis the problem does not have (naming its inputs), one
    /// given twice, Fourier features with every input periodic.</summary>
    public static (IReadOnlyList<PeriodicAxis> Axes, IReadOnlyList<ManifestError> Errors) Axes(EmbeddingSection embedding, IProblem problem)
    {
        var axes = new List<PeriodicAxis>();
        var errors = new List<ManifestError>();
        var inputs = problem.InputNames;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in embedding.Periodic)
        {
            var index = inputs.ToList().IndexOf(p.Axis);
            if (index < 0) errors.Add(new ManifestError($"{p.Path}.axis", $"'{p.Axis}' is not an input of the problem (its inputs: {string.Join(", ", inputs)})"));
            else if (!seen.Add(p.Axis)) errors.Add(new ManifestError($"{p.Path}.axis", $"'{p.Axis}' is periodic already; give each axis once"));
            else axes.Add(new PeriodicAxis(index, p.Period, p.Harmonics, p.Even));
        }
        if (embedding.Fourier is not null && axes.Count == problem.InputDimension)
            errors.Add(new ManifestError("$.model.embedding.fourier", "Fourier features act on the inputs that are not periodic, and every input is periodic"));
        return (axes, errors);
    }
}
