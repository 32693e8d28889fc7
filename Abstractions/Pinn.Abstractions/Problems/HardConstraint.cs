using TorchSharp;

namespace Pinn.Abstractions.Problems;

/// <summary>
/// Boundary or initial data imposed exactly through the network's form: the solution is u(x) = g(x) + φ(x)·N_θ(x), with
/// N_θ the network, φ a smooth function that vanishes exactly where the data sit (a distance to those boundary pieces,
/// or a product of the faces' distances) and g a smooth function that takes the data there. The conditions named in
/// <see cref="Replaces"/> then hold for every θ and leave the loss. Both functions are plain torch code on the points;
/// derivatives of φ and g that the conditions need are taken with autograd, and combined with the engine's derivatives
/// of N by the Leibniz rule, so every engine stays exact.
/// </summary>
/// <param name="Replaces">The names of the conditions the constraint makes hold exactly.</param>
/// <param name="Distance">φ: x [N, d] ↦ [N, 1] (one factor for every output) or [N, m] (one per output; 1 for an output
/// the constraint leaves free). Zero on the replaced conditions' points, nonzero inside.</param>
/// <param name="Lift">g: x [N, d] ↦ [N, m]: the replaced conditions' data where φ = 0 (0 for an output without data).</param>
public sealed record HardConstraint(IReadOnlyList<string> Replaces, Func<torch.Tensor, torch.Tensor> Distance, Func<torch.Tensor, torch.Tensor> Lift)
{
    /// <summary>u = g(x) + φ(x)·n for network outputs n [N, m] at x [N, d].</summary>
    public torch.Tensor Apply(torch.Tensor x, torch.Tensor n)
    {
        using var scope = torch.NewDisposeScope();
        return (Lift(x) + Distance(x) * n).MoveToOuterDisposeScope();
    }
}
