using Pinn.Host.Inference;

namespace Pinn.Host.Commands;

/// <summary>The RUN argument of the commands that look at a trained run (predict, plot, export).</summary>
internal static class TrainedRunArgument
{
    /// <summary>The trained model of <paramref name="run"/>, or null after printing why it cannot be read
    /// (<c>pinn &lt;command&gt;: …</c>).</summary>
    public static TrainedModel? Open(string run, string command)
    {
        try
        {
            return TrainedModel.Open(run, Console.Error.WriteLine);
        }
        catch (InvalidDataException e)
        {
            Console.Error.WriteLine($"pinn {command}: {e.Message}");
            return null;
        }
    }
}
