using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Residuals;
using TorchSharp;

namespace Pinn.Host.Inference;

/// <summary>
/// One scalar field a trained model is asked for at points: an output (<c>u</c>), a partial derivative of one
/// (<c>u_x</c>, <c>u_xx</c>, <c>u_xt</c>: the output's name, an underscore, then input names), or the pointwise norm
/// |r| of a condition's residual (<c>residual_interior</c>).
/// </summary>
/// <param name="Name">The column name.</param>
/// <param name="Request">What the engine must compute for it (shared by quantities evaluated in one call).</param>
/// <param name="Compute">The field [N] from the points [N, d], the derivatives and the problem's extra parameters.</param>
internal sealed record FieldQuantity(string Name, DerivativeRequest Request,
                                     Func<torch.Tensor, Derivatives, IReadOnlyDictionary<string, torch.Tensor>, torch.Tensor> Compute)
{
    /// <summary>Every output of <paramref name="problem"/>, in column order, sharing one request.</summary>
    public static IReadOnlyList<FieldQuantity> Outputs(IProblem problem)
        => problem.OutputNames.Select((name, k) => new FieldQuantity(name, DerivativeRequest.ValueOnly, (_, d, _) => d.ValueOf(k))).ToArray();

    /// <summary>|r(x)| of condition <paramref name="condition"/> [N]: the Euclidean norm over its residual's components,
    /// unweighted. Only for conditions without image points (periodic pairs) or normals, i.e. those posed on a region.</summary>
    public static FieldQuantity Residual(Condition condition)
        => new($"residual_{condition.Name}", condition.Request, (x, d, extra) =>
        {
            var r = condition.Residual(new ResidualInputs(x, d, extra));
            return r.reshape(x.shape[0], -1).square().sum([1L]).sqrt();
        });

    /// <summary>The conditions whose residual is a field over the evaluation domain: posed on a full-dimensional region
    /// (not a boundary, a time slice or a point set; in time × space, a region of space), without image points.</summary>
    public static IEnumerable<Condition> RegionConditions(IProblem problem)
        => problem.Conditions.Where(c => c.Image is null && c.Domain.Dimension == problem.InputDimension && IsRegion(c.Domain));

    /// <summary>Whether <paramref name="domain"/> is full-dimensional. A time × space product is a boundary domain by type
    /// (it has normals when its space part does), so it is a region exactly when its space part is one.</summary>
    private static bool IsRegion(IDomain domain) => domain switch
    {
        TimeSpaceProduct product => IsRegion(product.Space),
        IBoundaryDomain or PointSet or TimeSlice => false,
        _ => true,
    };

    /// <summary>
    /// Reads a comma-separated list such as <c>u,u_x,v_yy</c> against the problem's output and input names; every
    /// name that is not an output or a partial derivative of one is reported at once in <paramref name="errors"/>
    /// with the allowed forms. The quantities share one request.
    /// </summary>
    public static IReadOnlyList<FieldQuantity> Parse(string list, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, List<string> errors)
    {
        var keys = new List<(string Name, int Output, PartialDerivative Key)>();
        foreach (var raw in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (Read(raw, inputs, outputs) is { } parsed) keys.Add((raw, parsed.Output, parsed.Key));
            else errors.Add($"'{raw}' is not an output or a derivative of one (outputs: {string.Join(", ", outputs)}; a derivative is an output, "
                            + $"'_' and input names, e.g. {outputs[0]}_{inputs[^1]} or {outputs[0]}_{inputs[^1]}{inputs[^1]}; inputs: {string.Join(", ", inputs)})");
        }
        if (keys.Count == 0) return [];
        var request = new DerivativeRequest(keys.Select(k => (DerivativeKey)k.Key));
        return keys.Select(k => new FieldQuantity(k.Name, request, (_, d, _) => d.Output(k.Key, k.Output))).ToArray();
    }

    private static (int Output, PartialDerivative Key)? Read(string name, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs)
    {
        var exact = IndexOf(outputs, name);
        if (exact >= 0) return (exact, PartialDerivative.Value);
        var underscore = name.LastIndexOf('_');
        while (underscore > 0)
        {
            var output = IndexOf(outputs, name[..underscore]);
            if (output >= 0 && Axes(name[(underscore + 1)..], inputs) is { Count: > 0 } axes) return (output, PartialDerivative.Of([.. axes]));
            underscore = name.LastIndexOf('_', underscore - 1);
        }
        return null;
    }

    /// <summary>Splits "xxt" into input axes, longest input name first at each position; null when it does not split.</summary>
    private static List<int>? Axes(string text, IReadOnlyList<string> inputs)
    {
        var axes = new List<int>();
        var at = 0;
        var byLength = inputs.Select((n, i) => (n, i)).OrderByDescending(p => p.n.Length).ToArray();
        while (at < text.Length)
        {
            var match = byLength.FirstOrDefault(p => p.n.Length > 0 && string.CompareOrdinal(text, at, p.n, 0, p.n.Length) == 0);
            if (match.n is null) return null;
            axes.Add(match.i);
            at += match.n.Length;
        }
        return axes;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
            if (names[i] == name) return i;
        return -1;
    }
}
