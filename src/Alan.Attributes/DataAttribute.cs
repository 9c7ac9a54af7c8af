using System;

namespace Alan
{
    /// <summary>Marks a static method returning an Alan distribution as an observed variable.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class DataAttribute : Attribute
    {
    }
}
