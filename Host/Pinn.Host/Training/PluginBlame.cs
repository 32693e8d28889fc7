using System.Diagnostics;
using Pinn.Host.Manifests;

namespace Pinn.Host.Training;

/// <summary>Names the plugin an exception came from, for messages: the plugin whose code is nearest the throw.</summary>
internal static class PluginBlame
{
    /// <summary>The innermost cause of <paramref name="e"/> (reflection and aggregate wrappers removed).</summary>
    public static Exception Cause(Exception e)
    {
        while (e is System.Reflection.TargetInvocationException or AggregateException { InnerExceptions.Count: 1 } or TypeInitializationException
               && e.InnerException is not null)
            e = e.InnerException;
        return e;
    }

    /// <summary>The plugin among <paramref name="plugins"/> whose code is nearest the throw point of <paramref name="e"/>
    /// (or of its inner exceptions), or null when none of them is on the stack. A frame belongs to the plugin whose
    /// exported factory type encloses the frame's type; failing that, to a plugin of the frame's assembly (preferring
    /// <paramref name="inCharge"/>, the plugin the host was calling).</summary>
    public static ResolvedPlugin? Thrower(Exception e, IEnumerable<ResolvedPlugin> plugins, ResolvedPlugin? inCharge = null)
    {
        var all = plugins.ToArray();
        var byFactory = all.GroupBy(p => p.Descriptor.Factory.GetType()).ToDictionary(g => g.Key, g => g.First());
        var byAssembly = all.GroupBy(p => p.Descriptor.Factory.GetType().Assembly)
                            .ToDictionary(g => g.Key, g => g.FirstOrDefault(p => p == inCharge) ?? g.First());
        var chain = new List<Exception>();
        for (var x = (Exception?)e; x is not null; x = x.InnerException) chain.Add(x);
        chain.Reverse(); // innermost first: its frames are nearest the fault
        foreach (var x in chain)
        foreach (var frame in new StackTrace(x, false).GetFrames())
        {
            if (frame.GetMethod()?.DeclaringType is not { } type) continue;
            var outer = type;
            while (outer.DeclaringType is { } enclosing) outer = enclosing;
            if (byFactory.TryGetValue(outer, out var owner) || byAssembly.TryGetValue(type.Assembly, out owner)) return owner;
        }
        return null;
    }
}
