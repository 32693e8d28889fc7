using TorchSharp;

namespace Pinn.Abstractions.Problems;

/// <summary>What a residual function is given.</summary>
/// <param name="Points">The condition's points x [N, d].</param>
/// <param name="Derivatives">The quantities the condition requested, each [N, m_k]: the output components the request
/// names for it, ascending, or all m outputs (read one with <see cref="Derivatives.Derivatives.Output"/>).</param>
/// <param name="Parameters">The problem's extra trainable parameters by name, each of the shape it declared.</param>
public sealed record ResidualInputs(torch.Tensor Points, Derivatives.Derivatives Derivatives, IReadOnlyDictionary<string, torch.Tensor> Parameters)
{
    private readonly torch.Tensor? _normals;
    private readonly Derivatives.Derivatives? _image;

    /// <summary>The outward unit normals n [N, d] at the points, on a condition whose domain is a boundary
    /// (<see cref="Geometry.IBoundaryDomain"/>).</summary>
    /// <exception cref="InvalidOperationException">When the condition's domain has no normals.</exception>
    public torch.Tensor Normals
    {
        get => _normals ?? throw new InvalidOperationException("this condition's domain has no normals: Neumann and Robin data need a boundary domain "
                                                               + "(a Shape's Boundary(...), a Sphere, a BoxBoundary, or time × one of those)");
        init => _normals = value;
    }

    /// <summary>Whether <see cref="Normals"/> are given.</summary>
    public bool HasNormals => _normals is not null;

    /// <summary>The requested quantities at the condition's image points (<see cref="Condition.Image"/>), each [N, m].</summary>
    /// <exception cref="InvalidOperationException">When the condition has no image.</exception>
    public Derivatives.Derivatives Image
    {
        get => _image ?? throw new InvalidOperationException("this condition has no image points (Condition.Image is not set)");
        init => _image = value;
    }

    /// <summary>
    /// The normal derivative ∂u/∂n = Σᵢ nᵢ ∂u/∂xᵢ [N] of output <paramref name="output"/>, summed over the axes whose
    /// first partial the condition requested: request ∂u/∂xᵢ for every axis along which the normals can be nonzero
    /// (on the lateral boundary of a space-time cylinder, the space axes).
    /// </summary>
    public torch.Tensor NormalDerivative(int output = 0)
    {
        var normals = Normals;
        torch.Tensor? sum = null;
        for (var axis = 0; axis < normals.shape[1]; axis++)
        {
            var key = Pinn.Abstractions.Derivatives.PartialDerivative.Of(axis);
            if (!Derivatives.Keys.Contains(key)) continue;
            var term = Derivatives.Output(key, output) * normals[.., axis];
            sum = sum is null ? term : sum + term;
        }
        return sum ?? throw new InvalidOperationException("∂u/∂n needs the first partials ∂u/∂xᵢ: the condition requested none");
    }
}

/// <summary>
/// The residual O[u](x) − f(x) of one condition: [N] or [N, k] (k residual components per point, the same k for
/// every N), in the run's dtype. Anything else is refused with the condition's name before it enters the loss.
/// <para>It runs inside autograd's graph. Do not change a tensor autograd saved in place (<c>add_</c> on the inputs
/// or on a result used again): backward then fails and so does the run. Never throw from a custom autograd function's
/// backward: that exception crosses libtorch's native frames and ends the process; only the periodic checkpoint and
/// metrics.csv survive.</para>
/// </summary>
public delegate torch.Tensor ResidualFunction(ResidualInputs inputs);
