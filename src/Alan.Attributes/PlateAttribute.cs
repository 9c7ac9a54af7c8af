using System;

namespace Alan
{
    /// <summary>
    /// Marks a partial class as a plate. A <c>[Plate]</c> class not nested in another <c>[Plate]</c>
    /// class is a program root (the generative model P or the proposal Q); nested ones are sub-plates
    /// named after the class, whose sizes are given at run time.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class PlateAttribute : Attribute
    {
    }
}
