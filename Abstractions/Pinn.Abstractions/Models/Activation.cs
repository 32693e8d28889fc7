using TorchSharp;

namespace Pinn.Abstractions.Models;

/// <summary>
/// An elementwise activation σ with exact derivatives of every order, as the forward-mode engines
/// need them. Derivatives are computed in closed form (polynomials in tanh or sigmoid, shifted sines),
/// never by autograd.
/// </summary>
public abstract class Activation
{
    /// <summary>The manifest name (<c>tanh</c>, <c>sin</c>, …).</summary>
    public abstract string Name { get; }

    /// <summary>σ(x), same shape as x.</summary>
    public virtual torch.Tensor Apply(torch.Tensor x) => Derivatives(x, 0)[0];

    /// <summary>σ⁽ᵏ⁾(x) for k = 0..<paramref name="maxOrder"/>: an array of maxOrder+1 tensors shaped like x.</summary>
    public abstract torch.Tensor[] Derivatives(torch.Tensor x, int maxOrder);

    /// <summary>σ⁽ᵏ⁾(x) for one order k, shaped like x. Since 1.0.</summary>
    public torch.Tensor Derivative(torch.Tensor x, int order)
    {
        using var scope = torch.NewDisposeScope();
        return Derivatives(x, order)[order].MoveToOuterDisposeScope();
    }

    /// <summary>The activation with manifest name <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">For an unknown name; the message lists <see cref="Names"/>.</exception>
    public static Activation FromName(string name) => name switch
    {
        "tanh" => new TanhActivation(),
        "sin" => new SineActivation(),
        "softplus" => new SoftplusActivation(),
        "sigmoid" => new SigmoidActivation(),
        "silu" => new SiluActivation(),
        _ => throw new ArgumentException($"unknown activation '{name}' (allowed: {string.Join(", ", Names)})"),
    };

    /// <summary>The names <see cref="FromName"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["tanh", "sin", "softplus", "sigmoid", "silu"];

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>Checks the order argument.</summary>
    protected static void CheckOrder(int maxOrder)
    {
        if (maxOrder < 0) throw new ArgumentOutOfRangeException(nameof(maxOrder), maxOrder, "derivative order must be ≥ 0");
    }
}
