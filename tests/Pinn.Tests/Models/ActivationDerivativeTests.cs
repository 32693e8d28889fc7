using Pinn.Abstractions.Models;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Models;

/// <summary>The closed-form derivatives of every activation agree with repeated autograd.</summary>
public sealed class ActivationDerivativeTests
{
    public static TheoryData<string> Activations() => new(Activation.Names);

    [Theory]
    [MemberData(nameof(Activations))]
    public void Derivatives_of_order_0_to_6_match_autograd(string name)
    {
        using var scope = torch.NewDisposeScope();
        var activation = Activation.FromName(name);
        var x = torch.linspace(-3, 3, 41, torch.float64).requires_grad_();
        var closedForm = activation.Derivatives(x.detach(), 6);

        var current = name switch
        {
            "tanh" => x.tanh(),
            "sin" => x.sin(),
            "softplus" => torch.nn.functional.softplus(x),
            "sigmoid" => x.sigmoid(),
            "silu" => torch.nn.functional.silu(x),
            _ => throw new ArgumentException(name),
        };
        for (var k = 0; k <= 6; k++)
        {
            TensorAssert.RelativeError(closedForm[k], current).ShouldBeLessThan(1e-10, $"{name}, order {k}");
            current = torch.autograd.grad([current.sum()], [x], retain_graph: true, create_graph: true)[0];
        }
    }

    [Fact]
    public void Unknown_activation_lists_the_allowed_names()
    {
        var e = Should.Throw<ArgumentException>(() => Activation.FromName("relu"));
        e.Message.ShouldContain("tanh, sin, softplus, sigmoid, silu");
    }
}
