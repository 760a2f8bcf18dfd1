/**
 * What the demo population shares beyond the planted segments: the answers common to professionals, the
 * non-professional groups (who got the `_B` "hope to become familiar with" questions), profile defaults,
 * and how often a question left without a pick is answered "None" instead of left blank.
 */

/** Question code (`Q7`, `Q26_A`) -> answer text -> rate (multi-select) or relative weight (single choice). */
export type AnswerRates = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** Chance of any answer outside a respondent's signature: the low-rate noise every real survey has. */
export const NOISE_RATE = 0.006;
/** Chance of ticking a multi-select question's "Other". */
export const OTHER_RATE = 0.02;

/** Answers every professional gives at these rates unless the segment's signature says otherwise. */
export const PROFESSIONAL_BASE: AnswerRates = {
  Q7: {
    Python: 0.88,
    SQL: 0.42,
    R: 0.12,
    Bash: 0.08,
    Java: 0.07,
    Javascript: 0.08,
    'C++': 0.08,
    C: 0.06,
    MATLAB: 0.04,
  },
  Q8: { Python: 80, R: 6, SQL: 8, 'C++': 1, Julia: 1, Java: 1, None: 1, Other: 1 },
  Q9: {
    'JupyterLab (or products based off of Jupyter)': 0.55,
    'Visual Studio Code (VSCode)': 0.3,
    PyCharm: 0.2,
    Spyder: 0.1,
    'Notepad++': 0.12,
    'Sublime Text': 0.08,
    RStudio: 0.1,
    'Visual Studio': 0.08,
    'Vim, Emacs, or similar': 0.06,
  },
  Q10: { 'Colab Notebooks': 0.28, 'Kaggle Notebooks': 0.24 },
  Q11: {
    'A personal computer or laptop': 62,
    'A deep learning workstation (NVIDIA GTX, LambdaLabs, etc)': 10,
    'A cloud computing platform (AWS, Azure, GCP, hosted notebooks, etc)': 20,
    None: 3,
    Other: 3,
  },
  Q12: { GPUs: 0.2, TPUs: 0.03 },
  Q13: { Never: 72, Once: 10, '2-5 times': 10, '6-25 times': 5, 'More than 25 times': 3 },
  Q14: { Matplotlib: 0.55, Seaborn: 0.3, 'Plotly / Plotly Express': 0.2, 'Ggplot / ggplot2': 0.1 },
  Q16: { 'Scikit-learn': 0.35, TensorFlow: 0.15, Keras: 0.13, PyTorch: 0.1, Xgboost: 0.12, LightGBM: 0.04 },
  Q17: {
    'Linear or Logistic Regression': 0.45,
    'Decision Trees or Random Forests': 0.35,
    'Gradient Boosting Machines (xgboost, lightgbm, etc)': 0.12,
    'Convolutional Neural Networks': 0.08,
    'Dense Neural Networks (MLPs, etc)': 0.08,
    'Recurrent Neural Networks': 0.05,
    'Bayesian Approaches': 0.08,
  },
  Q23: {
    'Analyze and understand data to influence product or business decisions': 0.45,
    'Build prototypes to explore applying machine learning to new areas': 0.28,
    'Experimentation and iteration to improve existing ML models': 0.2,
    'Build and/or run the data infrastructure that my business uses for storing, analyzing, and operationalizing data': 0.15,
    'Build and/or run a machine learning service that operationally improves my product or workflows': 0.12,
    'Do research that advances the state of the art of machine learning': 0.07,
  },
  Q26_A: { 'Amazon Web Services (AWS)': 0.05, 'Microsoft Azure': 0.03, 'Google Cloud Platform (GCP)': 0.04 },
  Q29_A: {
    MySQL: 0.18,
    PostgreSQL: 0.12,
    SQLite: 0.05,
    'Oracle Database': 0.06,
    'Microsoft SQL Server': 0.08,
    MongoDB: 0.06,
  },
  Q31_A: { Tableau: 0.08, 'Microsoft Power BI': 0.08 },
  Q36: { GitHub: 0.22, Kaggle: 0.1 },
  Q37: {
    Coursera: 0.35,
    'Kaggle Learn Courses': 0.18,
    Udemy: 0.2,
    edX: 0.12,
    DataCamp: 0.12,
    'University Courses (resulting in a university degree)': 0.2,
    'LinkedIn Learning': 0.08,
    Udacity: 0.1,
  },
  Q38: {
    'Basic statistical software (Microsoft Excel, Google Sheets, etc.)': 12,
    'Advanced statistical software (SPSS, SAS, etc.)': 4,
    'Business intelligence software (Salesforce, Tableau, Spotfire, etc.)': 4,
    'Local development environments (RStudio, JupyterLab, etc.)': 58,
    'Cloud-based data software & APIs (AWS, GCP, Azure, etc.)': 16,
    Other: 6,
  },
  Q39: {
    'Kaggle (notebooks, forums, etc)': 0.28,
    'Blogs (Towards Data Science, Analytics Vidhya, etc)': 0.3,
    'YouTube (Kaggle YouTube, Cloud AI Adventures, etc)': 0.3,
    'Twitter (data science influencers)': 0.15,
    "Email newsletters (Data Elixir, O'Reilly Data & AI, etc)": 0.12,
    'Journal Publications (peer-reviewed journals, conference proceedings, etc)': 0.12,
    'Reddit (r/machinelearning, etc)': 0.08,
    'Course Forums (forums.fast.ai, Coursera forums, etc)': 0.08,
  },
};

/** Profile weights of professionals, before a segment's own profile is merged over them. */
export const PROFESSIONAL_PROFILE: AnswerRates = {
  Q2: { Man: 84, Woman: 13.5, Nonbinary: 0.4, 'Prefer not to say': 1.6, 'Prefer to self-describe': 0.3 },
  Q4: {
    'I prefer not to answer': 1,
    'No formal education past high school': 1,
    'Some college/university study without earning a bachelor’s degree': 3,
    'Bachelor’s degree': 32,
    'Master’s degree': 47,
    'Professional degree': 3,
    'Doctoral degree': 12,
  },
  Q5: {
    'Data Scientist': 30,
    'Software Engineer': 12,
    'Data Analyst': 12,
    'Machine Learning Engineer': 10,
    Other: 10,
    'Research Scientist': 7,
    'Data Engineer': 6,
    'Business Analyst': 6,
    'Product/Project Manager': 5,
    Statistician: 2,
  },
  Q6: {
    'I have never written code': 0.5,
    '< 1 years': 5,
    '1-2 years': 16,
    '3-5 years': 28,
    '5-10 years': 25,
    '10-20 years': 16,
    '20+ years': 9,
  },
  Q15: {
    'I do not use machine learning methods': 4,
    'Under 1 year': 22,
    '1-2 years': 26,
    '2-3 years': 18,
    '3-4 years': 11,
    '4-5 years': 7,
    '5-10 years': 9,
    '10-20 years': 2.5,
    '20 or more years': 0.5,
  },
  Q20: {
    '0-49 employees': 30,
    '50-249 employees': 18,
    '250-999 employees': 15,
    '1000-9,999 employees': 18,
    '10,000 or more employees': 19,
  },
  Q21: { '0': 6, '1-2': 22, '3-4': 14, '5-9': 14, '10-14': 9, '15-19': 4, '20+': 31 },
  Q22: {
    'No (we do not use ML methods)': 10,
    'I do not know': 5,
    'We are exploring ML methods (and may one day put a model into production)': 22,
    'We use ML methods for generating insights (but do not put working models into production)': 17,
    'We recently started using ML methods (i.e., models in production for less than 2 years)': 21,
    'We have well established ML methods (i.e., models in production for more than 2 years)': 25,
  },
  Q25: { '$1-$99': 26, '$100-$999': 24, '$1000-$9,999': 24, '$10,000-$99,999': 16, '$100,000 or more ($USD)': 10 },
};

/** Country weights, roughly the 2020 shares; pay bands below follow the country's pay level. */
export const COUNTRY_WEIGHTS: Readonly<Record<string, number>> = {
  India: 29,
  'United States of America': 11,
  Other: 7,
  Brazil: 4,
  Japan: 3,
  Russia: 3,
  'United Kingdom of Great Britain and Northern Ireland': 2.5,
  Nigeria: 2.5,
  China: 2.5,
  Germany: 2,
  Turkey: 2,
  Spain: 2,
  France: 1.8,
  Canada: 1.8,
  Indonesia: 1.8,
  Pakistan: 1.6,
  Egypt: 1.4,
  Taiwan: 1.3,
  Italy: 1.2,
  Mexico: 1.2,
  Australia: 1.2,
  Kenya: 1,
  Colombia: 1,
  'South Korea': 1,
  'Viet Nam': 1,
  Netherlands: 0.8,
  Poland: 0.8,
  Argentina: 0.8,
  Singapore: 0.6,
  'South Africa': 0.8,
};
export const HIGH_PAY_COUNTRIES = new Set([
  'United States of America',
  'United Kingdom of Great Britain and Northern Ireland',
  'Germany',
  'Canada',
  'Australia',
  'Netherlands',
  'Singapore',
  'Japan',
  'France',
]);
export const LOW_PAY_COUNTRIES = new Set(['India', 'Nigeria', 'Pakistan', 'Egypt', 'Kenya', 'Indonesia', 'Viet Nam']);

/** Non-professionals: who they are and which profile questions they were asked. */
export interface NonProfessionalKind {
  readonly name: string;
  readonly share: number;
  /** Students and the unemployed skip the employer questions (Q20-Q25). */
  readonly employed: boolean;
  readonly profile: AnswerRates;
}

const LEARNER_PROFILE: AnswerRates = {
  Q4: {
    'I prefer not to answer': 1,
    'No formal education past high school': 3,
    'Some college/university study without earning a bachelor’s degree': 10,
    'Bachelor’s degree': 46,
    'Master’s degree': 32,
    'Professional degree': 2,
    'Doctoral degree': 6,
  },
  Q6: {
    'I have never written code': 4,
    '< 1 years': 30,
    '1-2 years': 33,
    '3-5 years': 20,
    '5-10 years': 9,
    '10-20 years': 3,
    '20+ years': 1,
  },
  Q15: {
    'I do not use machine learning methods': 14,
    'Under 1 year': 46,
    '1-2 years': 25,
    '2-3 years': 8,
    '3-4 years': 4,
    '4-5 years': 2,
    '5-10 years': 1,
  },
};

export const NON_PROFESSIONAL_KINDS: readonly NonProfessionalKind[] = [
  { name: 'student', share: 0.55, employed: false, profile: { ...LEARNER_PROFILE, Q5: { Student: 1 } } },
  {
    name: 'not employed',
    share: 0.2,
    employed: false,
    profile: { ...LEARNER_PROFILE, Q5: { 'Currently not employed': 1 } },
  },
  {
    name: 'never spent on the cloud',
    share: 0.25,
    employed: true,
    profile: {
      ...LEARNER_PROFILE,
      Q5: {
        'Data Analyst': 15,
        'Data Scientist': 15,
        'Software Engineer': 15,
        Other: 15,
        'Business Analyst': 8,
        'Research Scientist': 8,
        'Machine Learning Engineer': 6,
        'Product/Project Manager': 6,
        'Data Engineer': 5,
        Statistician: 4,
        'DBA/Database Engineer': 3,
      },
      Q22: {
        'No (we do not use ML methods)': 24,
        'I do not know': 14,
        'We are exploring ML methods (and may one day put a model into production)': 26,
        'We use ML methods for generating insights (but do not put working models into production)': 16,
        'We recently started using ML methods (i.e., models in production for less than 2 years)': 10,
        'We have well established ML methods (i.e., models in production for more than 2 years)': 10,
      },
      Q25: { '$0 ($USD)': 1 },
    },
  },
];

/** Learners' answers to the questions everyone got; each also leans towards one segment's tools. */
export const NON_PROFESSIONAL_BASE: AnswerRates = {
  Q7: { Python: 0.85, C: 0.2, 'C++': 0.18, Java: 0.14, SQL: 0.3, R: 0.12, MATLAB: 0.08, Javascript: 0.1 },
  Q8: { Python: 82, R: 5, SQL: 5, C: 3, 'C++': 3, Java: 1, Other: 1 },
  Q9: {
    'JupyterLab (or products based off of Jupyter)': 0.55,
    'Visual Studio Code (VSCode)': 0.3,
    PyCharm: 0.22,
    Spyder: 0.15,
    'Notepad++': 0.12,
  },
  Q10: { 'Colab Notebooks': 0.38, 'Kaggle Notebooks': 0.3 },
  Q11: {
    'A personal computer or laptop': 80,
    'A cloud computing platform (AWS, Azure, GCP, hosted notebooks, etc)': 10,
    'A deep learning workstation (NVIDIA GTX, LambdaLabs, etc)': 4,
    None: 4,
    Other: 2,
  },
  Q12: { GPUs: 0.15, TPUs: 0.04 },
  Q13: { Never: 76, Once: 10, '2-5 times': 9, '6-25 times': 3, 'More than 25 times': 2 },
  Q14: { Matplotlib: 0.62, Seaborn: 0.4, 'Plotly / Plotly Express': 0.12 },
  Q16: { 'Scikit-learn': 0.42, TensorFlow: 0.25, Keras: 0.24, PyTorch: 0.12 },
  Q17: {
    'Linear or Logistic Regression': 0.52,
    'Decision Trees or Random Forests': 0.4,
    'Convolutional Neural Networks': 0.18,
    'Dense Neural Networks (MLPs, etc)': 0.1,
  },
  Q23: {
    'Analyze and understand data to influence product or business decisions': 0.45,
    'Build prototypes to explore applying machine learning to new areas': 0.18,
  },
  Q36: { GitHub: 0.18, Kaggle: 0.12 },
  Q37: {
    Coursera: 0.5,
    'Kaggle Learn Courses': 0.3,
    Udemy: 0.3,
    'University Courses (resulting in a university degree)': 0.28,
    edX: 0.12,
    DataCamp: 0.1,
  },
  Q38: {
    'Basic statistical software (Microsoft Excel, Google Sheets, etc.)': 20,
    'Local development environments (RStudio, JupyterLab, etc.)': 60,
    'Advanced statistical software (SPSS, SAS, etc.)': 6,
    'Cloud-based data software & APIs (AWS, GCP, Azure, etc.)': 8,
    Other: 6,
  },
  Q39: {
    'Kaggle (notebooks, forums, etc)': 0.42,
    'YouTube (Kaggle YouTube, Cloud AI Adventures, etc)': 0.45,
    'Blogs (Towards Data Science, Analytics Vidhya, etc)': 0.32,
    'Course Forums (forums.fast.ai, Coursera forums, etc)': 0.14,
  },
  Q26_B: {
    'Amazon Web Services (AWS)': 0.42,
    'Google Cloud Platform (GCP)': 0.45,
    'Microsoft Azure': 0.3,
    'IBM Cloud / Red Hat': 0.06,
  },
  Q27_B: {
    'Amazon EC2': 0.2,
    'AWS Lambda': 0.12,
    'Google Cloud Compute Engine': 0.2,
    'Google Cloud Functions': 0.1,
    'Azure Cloud Services': 0.1,
  },
  Q28_B: {
    'Amazon SageMaker': 0.18,
    'Google Cloud AI Platform / Google Cloud ML Engine': 0.22,
    'Azure Machine Learning Studio': 0.14,
    'Google Cloud Vision AI': 0.12,
    'Google Cloud Natural Language': 0.12,
  },
  Q29_B: {
    MySQL: 0.38,
    PostgreSQL: 0.22,
    MongoDB: 0.28,
    'Oracle Database': 0.12,
    'Microsoft SQL Server': 0.14,
    'Google Cloud BigQuery': 0.18,
  },
  Q31_B: { Tableau: 0.4, 'Microsoft Power BI': 0.36, 'Google Data Studio': 0.14 },
  Q33_B: {
    'Automated data augmentation (e.g. imgaug, albumentations)': 0.2,
    'Automated model selection (e.g. auto-sklearn, xcessiv)': 0.22,
    'Automated hyperparameter tuning (e.g. hyperopt, ray.tune, Vizier)': 0.2,
    'Automation of full ML pipelines (e.g. Google Cloud AutoML, H20 Driverless AI)': 0.2,
  },
  Q34_B: { 'Google Cloud AutoML': 0.22, 'Auto-Sklearn': 0.15, 'Auto-Keras': 0.15, 'H20 Driverless AI': 0.06 },
  Q35_B: { TensorBoard: 0.22, 'Weights & Biases': 0.08, 'Neptune.ai': 0.04 },
};

/**
 * Chance that a respondent who picked nothing in an asked question answers its "None" (or "No / None")
 * rather than skipping it. Q26_A stays answered by every professional: it is how the variants rule finds them.
 */
export const NONE_RATE: Readonly<Record<string, number>> = {
  Q7: 0.2,
  Q9: 0.3,
  Q10: 0.55,
  Q12: 0.7,
  Q14: 0.5,
  Q16: 0.6,
  Q17: 0.6,
  Q18: 0.5,
  Q19: 0.5,
  Q23: 0.4,
  Q26_A: 1,
  Q27_A: 0.6,
  Q28_A: 0.6,
  Q29_A: 0.6,
  Q31_A: 0.6,
  Q33_A: 0.6,
  Q34_A: 0.5,
  Q35_A: 0.6,
  Q36: 0.6,
  Q37: 0.35,
  Q39: 0.4,
  Q26_B: 0.5,
  Q27_B: 0.5,
  Q28_B: 0.5,
  Q29_B: 0.5,
  Q31_B: 0.5,
  Q33_B: 0.5,
  Q34_B: 0.5,
  Q35_B: 0.5,
};
