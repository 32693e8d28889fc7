using Pinn.Abstractions.Derivatives;
using Pinn.Operators.Autodiff;
using Pinn.Operators.TaylorMode.ForwardLaplacian;
using Pinn.Operators.TaylorMode.TangentProp;

namespace Pinn.Tests.Support;

/// <summary>The built-in engines by manifest name, for tests that compare them (n-tangentprop up to order 4).</summary>
internal static class TestEngines
{
    public static IDerivativeEngine Named(string name) => name switch
    {
        "autodiff" => new AutodiffEngine(),
        "forward-laplacian" => new ForwardLaplacianEngine(),
        "n-tangentprop" => new TangentPropEngine(4),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "autodiff, forward-laplacian or n-tangentprop"),
    };
}
