namespace VllmSim.Generation;

/// <summary>Sentence templates the styles draw from. Placeholders: {t} topic, {T} title-cased topic, {k0}..{k2} keywords, {a}/{b} compared items.</summary>
internal static class PhraseBank
{
    public static readonly string[] Facets =
    [
        "**Core idea:** {t} comes down to a few principles that stay the same at any scale.",
        "**Key parts:** look at {k0} and {k1} separately before combining them.",
        "**Common pitfalls:** most trouble with {t} comes from skipping the basics or rushing {k0}.",
        "**Practical tip:** start small, check the result, then adjust {k1} one step at a time.",
        "**Trade-offs:** more {k0} usually costs time or resources, so decide what matters most.",
        "**Where it shows up:** {t} appears in everyday work as well as in specialised projects.",
        "**Going further:** hands-on practice with {k0} teaches faster than reading alone.",
        "**Context matters:** the right approach to {k1} depends on your constraints and goals.",
    ];

    public static readonly string[] Steps =
    [
        "Clarify the goal: decide what a good result with {t} looks like for you.",
        "Gather what you need: the tools, materials or information about {k0}.",
        "Start with a small version: try {k0} on a simple case first.",
        "Work through the main part carefully, checking {k1} as you go.",
        "Review the outcome and fix anything that misses the goal.",
        "Make it repeatable: write down what worked so the next round of {t} is faster.",
    ];

    public static readonly string[] Reasons =
    [
        "{T} depends on several factors that reinforce each other.",
        "The main driver is usually how {k0} interacts with {k1}.",
        "History plays a part too: things settled this way because it worked well enough.",
        "Constraints such as cost, time and physical limits rule out many alternatives.",
        "Feedback loops amplify small differences in {k0} over time.",
    ];

    public static readonly string[] CompareAspects =
    [
        "**Ease of start:** {a} tends to be quicker to pick up, while {b} rewards more upfront effort.",
        "**Performance:** {b} often has the edge when speed matters; {a} is usually fast enough.",
        "**Ecosystem:** {a} has broad community support; {b} has a focused, mature set of options.",
        "**Flexibility:** {a} adapts easily to new needs, whereas {b} shines in well-defined cases.",
        "**Cost:** the total cost depends more on your team and usage than on {a} or {b} alone.",
    ];

    public static readonly string[] Intros =
    [
        "Here's a clear overview of {t}.",
        "Good question. Here is how {t} breaks down.",
        "Let's look at {t} from a few angles.",
    ];

    public static readonly string[] Conclusions =
    [
        "In short, {t} is manageable once you focus on the fundamentals and build from there.",
        "Overall, a steady, well-informed approach to {t} gives the most reliable results.",
        "The best choice depends on your goals, but these points cover what matters most about {t}.",
    ];

    public static readonly string[] ChattyOpeners =
    [
        "Oh, great question!",
        "Ooh, I love this one!",
        "Happy to help with that!",
        "That's a really interesting thing to ask about!",
    ];

    public static readonly string[] ChattyConnectors = ["First off, ", "Another thing worth knowing: ", "And honestly, ", "Also, ", "One more thing: "];

    public static readonly string[] ChattyClosers =
    [
        "I hope that helps! Let me know if you'd like me to dig deeper into {k0}.",
        "Feel free to ask if you want more detail on any part of {t}. I'm happy to keep chatting!",
        "Does that make sense? I can walk through an example with {k0} if you like.",
    ];

    public static readonly string[] TerseAnswers =
    [
        "{T}: focus on {k0} first, then {k1}.",
        "Short answer: it depends on {k0}, but the fundamentals of {t} rarely change.",
        "{T} works best when kept simple. Get {k0} right and the rest follows.",
    ];

    public static readonly string[] Greetings =
    [
        "Hello! How can I help you today?",
        "Hi there! What would you like to talk about?",
        "Hey! What can I do for you?",
    ];
}
