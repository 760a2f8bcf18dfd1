/**
 * The 2020 Kaggle ML & DS Survey questionnaire as its responses file lays it out: question codes in file
 * order, the question texts of the file's second row, and every answer choice's text as the answer-choices
 * PDF (kaggle_survey_2020_answer_choices.pdf) prints it. The demo generator writes this layout so that the
 * pipeline reads demo and real data the same way, and config:draft takes 2020's question texts from it when
 * the 2020 file is not at hand. It lives with the survey readers, not with the demo, so that the config tools
 * can read it without depending on the demo.
 *
 * Layout rules of the 2020 file (355 columns for this list):
 * - a single-choice question is one column `Qn` holding the answer text;
 * - a multi-select question has one column `Qn_Part_k` per choice except the last, "Other", which is
 *   `Qn_OTHER`; a chosen cell holds the choice text, an unchosen cell is empty;
 * - the `_A` questions (asked to professionals) sit in question order, the `_B` variants (asked to
 *   non-professionals) come after Q39, as the supplementary section of the PDF.
 * Kaggle's own second row has a few quirks (stray spaces, "Click to write Choice 13" for VSCode); the
 * demo uses the PDF's clean texts for both the cells and the second row.
 */

export interface QuestionnaireQuestion {
  /** Column prefix: `Q7`, or `Q26_A` / `Q26_B` for a variant. */
  readonly code: string;
  readonly kind: 'single' | 'multi';
  /** Question text as in the file's second row, before the " - Selected Choice - <answer>" suffix. */
  readonly text: string;
  /** Answer texts in PDF order; for a multi-select question the last one is "Other". */
  readonly choices: readonly string[];
}

export const TIME_COLUMN = 'Time from Start to Finish (seconds)';
export const TIME_COLUMN_TEXT = 'Duration (in seconds)';

export const QUESTIONNAIRE_2020: readonly QuestionnaireQuestion[] = [
  {
    code: 'Q1',
    kind: 'single',
    text: 'What is your age (# years)?',
    choices: [
      '18-21', '22-24', '25-29', '30-34', '35-39', '40-44', '45-49', '50-54', '55-59', '60-69', '70+',
    ],
  },
  {
    code: 'Q2',
    kind: 'single',
    text: 'What is your gender? - Selected Choice',
    choices: [
      'Man', 'Woman', 'Nonbinary', 'Prefer not to say', 'Prefer to self-describe',
    ],
  },
  {
    code: 'Q3',
    kind: 'single',
    text: 'In which country do you currently reside?',
    choices: [
      'India', 'United States of America', 'Other', 'Brazil', 'Japan', 'Russia',
      'United Kingdom of Great Britain and Northern Ireland', 'Nigeria', 'China', 'Germany', 'Turkey', 'Spain',
      'France', 'Canada', 'Indonesia', 'Pakistan', 'Egypt', 'Taiwan', 'Italy', 'Mexico', 'Australia', 'Kenya',
      'Colombia', 'South Korea', 'Viet Nam', 'Netherlands', 'Poland', 'Argentina', 'Singapore', 'South Africa',
    ],
  },
  {
    code: 'Q4',
    kind: 'single',
    text: 'What is the highest level of formal education that you have attained or plan to attain within the next 2 years?',
    choices: [
      'No formal education past high school',
      'Some college/university study without earning a bachelor’s degree', 'Bachelor’s degree',
      'Master’s degree', 'Doctoral degree', 'Professional degree', 'I prefer not to answer',
    ],
  },
  {
    code: 'Q5',
    kind: 'single',
    text: 'Select the title most similar to your current role (or most recent title if retired): - Selected Choice',
    choices: [
      'Business Analyst', 'Data Analyst', 'Data Engineer', 'Data Scientist', 'DBA/Database Engineer',
      'Machine Learning Engineer', 'Product/Project Manager', 'Research Scientist', 'Software Engineer',
      'Statistician', 'Student', 'Currently not employed', 'Other',
    ],
  },
  {
    code: 'Q6',
    kind: 'single',
    text: 'For how many years have you been writing code and/or programming?',
    choices: [
      'I have never written code', '< 1 years', '1-2 years', '3-5 years', '5-10 years', '10-20 years',
      '20+ years',
    ],
  },
  {
    code: 'Q7',
    kind: 'multi',
    text: 'What programming languages do you use on a regular basis? (Select all that apply)',
    choices: [
      'Python', 'R', 'SQL', 'C', 'C++', 'Java', 'Javascript', 'Julia', 'Swift', 'Bash', 'MATLAB', 'None',
      'Other',
    ],
  },
  {
    code: 'Q8',
    kind: 'single',
    text: 'What programming language would you recommend an aspiring data scientist to learn first? - Selected Choice',
    choices: [
      'Python', 'R', 'SQL', 'C', 'C++', 'Java', 'Javascript', 'Julia', 'Swift', 'Bash', 'MATLAB', 'None',
      'Other',
    ],
  },
  {
    code: 'Q9',
    kind: 'multi',
    text: "Which of the following integrated development environments (IDE's) do you use on a regular basis?  (Select all that apply)",
    choices: [
      'JupyterLab (or products based off of Jupyter)', 'RStudio', 'Visual Studio',
      'Visual Studio Code (VSCode)', 'PyCharm', 'Spyder', 'Notepad++', 'Sublime Text',
      'Vim, Emacs, or similar', 'MATLAB', 'None', 'Other',
    ],
  },
  {
    code: 'Q10',
    kind: 'multi',
    text: 'Which of the following hosted notebook products do you use on a regular basis?  (Select all that apply)',
    choices: [
      'Kaggle Notebooks', 'Colab Notebooks', 'Azure Notebooks', 'Paperspace / Gradient', 'Binder / JupyterHub',
      'Code Ocean', 'IBM Watson Studio', 'Amazon Sagemaker Studio', 'Amazon EMR Notebooks',
      'Google Cloud AI Platform Notebooks', 'Google Cloud Datalab Notebooks',
      'Databricks Collaborative Notebooks', 'None', 'Other',
    ],
  },
  {
    code: 'Q11',
    kind: 'single',
    text: 'What type of computing platform do you use most often for your data science projects? - Selected Choice',
    choices: [
      'A personal computer or laptop', 'A deep learning workstation (NVIDIA GTX, LambdaLabs, etc)',
      'A cloud computing platform (AWS, Azure, GCP, hosted notebooks, etc)', 'None', 'Other',
    ],
  },
  {
    code: 'Q12',
    kind: 'multi',
    text: 'Which types of specialized hardware do you use on a regular basis?  (Select all that apply)',
    choices: [
      'GPUs', 'TPUs', 'None', 'Other',
    ],
  },
  {
    code: 'Q13',
    kind: 'single',
    text: 'Approximately how many times have you used a TPU (tensor processing unit)?',
    choices: [
      'Never', 'Once', '2-5 times', '6-25 times', 'More than 25 times',
    ],
  },
  {
    code: 'Q14',
    kind: 'multi',
    text: 'What data visualization libraries or tools do you use on a regular basis?  (Select all that apply)',
    choices: [
      'Matplotlib', 'Seaborn', 'Plotly / Plotly Express', 'Ggplot / ggplot2', 'Shiny', 'D3 js', 'Altair',
      'Bokeh', 'Geoplotlib', 'Leaflet / Folium', 'None', 'Other',
    ],
  },
  {
    code: 'Q15',
    kind: 'single',
    text: 'For how many years have you used machine learning methods?',
    choices: [
      'I do not use machine learning methods', 'Under 1 year', '1-2 years', '2-3 years', '3-4 years',
      '4-5 years', '5-10 years', '10-20 years', '20 or more years',
    ],
  },
  {
    code: 'Q16',
    kind: 'multi',
    text: 'Which of the following machine learning frameworks do you use on a regular basis? (Select all that apply)',
    choices: [
      'Scikit-learn', 'TensorFlow', 'Keras', 'PyTorch', 'Fast.ai', 'MXNet', 'Xgboost', 'LightGBM', 'CatBoost',
      'Prophet', 'H2O 3', 'Caret', 'Tidymodels', 'JAX', 'None', 'Other',
    ],
  },
  {
    code: 'Q17',
    kind: 'multi',
    text: 'Which of the following ML algorithms do you use on a regular basis? (Select all that apply):',
    choices: [
      'Linear or Logistic Regression', 'Decision Trees or Random Forests',
      'Gradient Boosting Machines (xgboost, lightgbm, etc)', 'Bayesian Approaches', 'Evolutionary Approaches',
      'Dense Neural Networks (MLPs, etc)', 'Convolutional Neural Networks', 'Generative Adversarial Networks',
      'Recurrent Neural Networks', 'Transformer Networks (BERT, gpt-3, etc)', 'None', 'Other',
    ],
  },
  {
    code: 'Q18',
    kind: 'multi',
    text: 'Which categories of computer vision methods do you use on a regular basis?  (Select all that apply)',
    choices: [
      'General purpose image/video tools (PIL, cv2, skimage, etc)',
      'Image segmentation methods (U-Net, Mask R-CNN, etc)',
      'Object detection methods (YOLOv3, RetinaNet, etc)',
      'Image classification and other general purpose networks (VGG, Inception, ResNet, ResNeXt, NASNet, EfficientNet, etc)',
      'Generative Networks (GAN, VAE, etc)', 'None', 'Other',
    ],
  },
  {
    code: 'Q19',
    kind: 'multi',
    text: 'Which of the following natural language processing (NLP) methods do you use on a regular basis?  (Select all that apply)',
    choices: [
      'Word embeddings/vectors (GLoVe, fastText, word2vec)',
      'Encoder-decoder models (seq2seq, vanilla transformers)', 'Contextualized embeddings (ELMo, CoVe)',
      'Transformer language models (GPT-3, BERT, XLnet, etc)', 'None', 'Other',
    ],
  },
  {
    code: 'Q20',
    kind: 'single',
    text: 'What is the size of the company where you are employed?',
    choices: [
      '0-49 employees', '50-249 employees', '250-999 employees', '1000-9,999 employees',
      '10,000 or more employees',
    ],
  },
  {
    code: 'Q21',
    kind: 'single',
    text: 'Approximately how many individuals are responsible for data science workloads at your place of business?',
    choices: [
      '0', '1-2', '3-4', '5-9', '10-14', '15-19', '20+',
    ],
  },
  {
    code: 'Q22',
    kind: 'single',
    text: 'Does your current employer incorporate machine learning methods into their business?',
    choices: [
      'We are exploring ML methods (and may one day put a model into production)',
      'We use ML methods for generating insights (but do not put working models into production)',
      'We recently started using ML methods (i.e., models in production for less than 2 years)',
      'We have well established ML methods (i.e., models in production for more than 2 years)',
      'No (we do not use ML methods)', 'I do not know',
    ],
  },
  {
    code: 'Q23',
    kind: 'multi',
    text: 'Select any activities that make up an important part of your role at work: (Select all that apply)',
    choices: [
      'Analyze and understand data to influence product or business decisions',
      'Build and/or run the data infrastructure that my business uses for storing, analyzing, and operationalizing data',
      'Build prototypes to explore applying machine learning to new areas',
      'Build and/or run a machine learning service that operationally improves my product or workflows',
      'Experimentation and iteration to improve existing ML models',
      'Do research that advances the state of the art of machine learning',
      'None of these activities are an important part of my role at work', 'Other',
    ],
  },
  {
    code: 'Q24',
    kind: 'single',
    text: 'What is your current yearly compensation (approximate $USD)?',
    choices: [
      '$0-999', '1,000-1,999', '2,000-2,999', '3,000-3,999', '4,000-4,999', '5,000-7,499', '7,500-9,999',
      '10,000-14,999', '15,000-19,999', '20,000-24,999', '25,000-29,999', '30,000-39,999', '40,000-49,999',
      '50,000-59,999', '60,000-69,999', '70,000-79,999', '80,000-89,999', '90,000-99,999', '100,000-124,999',
      '125,000-149,999', '150,000-199,999', '200,000-249,999', '250,000-299,999', '300,000-500,000',
      '> $500,000',
    ],
  },
  {
    code: 'Q25',
    kind: 'single',
    text: 'Approximately how much money have you (or your team) spent on machine learning and/or cloud computing services at home (or at work) in the past 5 years (approximate $USD)?',
    choices: [
      '$0 ($USD)', '$1-$99', '$100-$999', '$1000-$9,999', '$10,000-$99,999', '$100,000 or more ($USD)',
    ],
  },
  {
    code: 'Q26_A',
    kind: 'multi',
    text: 'Which of the following cloud computing platforms do you use on a regular basis? (Select all that apply)',
    choices: [
      'Amazon Web Services (AWS)', 'Microsoft Azure', 'Google Cloud Platform (GCP)', 'IBM Cloud / Red Hat',
      'Oracle Cloud', 'SAP Cloud', 'Salesforce Cloud', 'VMware Cloud', 'Alibaba Cloud', 'Tencent Cloud',
      'None', 'Other',
    ],
  },
  {
    code: 'Q27_A',
    kind: 'multi',
    text: 'Do you use any of the following cloud computing products on a regular basis? (Select all that apply)',
    choices: [
      'Amazon EC2', 'AWS Lambda', 'Amazon Elastic Container Service', 'Azure Cloud Services',
      'Microsoft Azure Container Instances', 'Azure Functions', 'Google Cloud Compute Engine',
      'Google Cloud Functions', 'Google Cloud Run', 'Google Cloud App Engine', 'No / None', 'Other',
    ],
  },
  {
    code: 'Q28_A',
    kind: 'multi',
    text: 'Do you use any of the following machine learning products on a regular basis? (Select all that apply)',
    choices: [
      'Amazon SageMaker', 'Amazon Forecast', 'Amazon Rekognition', 'Azure Machine Learning Studio',
      'Azure Cognitive Services', 'Google Cloud AI Platform / Google Cloud ML Engine', 'Google Cloud Video AI',
      'Google Cloud Natural Language', 'Google Cloud Vision AI', 'No / None', 'Other',
    ],
  },
  {
    code: 'Q29_A',
    kind: 'multi',
    text: 'Which of the following big data products (relational databases, data warehouses, data lakes, or similar) do you use on a regular basis? (Select all that apply)',
    choices: [
      'MySQL', 'PostgreSQL', 'SQLite', 'Oracle Database', 'MongoDB', 'Snowflake', 'IBM Db2',
      'Microsoft SQL Server', 'Microsoft Access', 'Microsoft Azure Data Lake Storage', 'Amazon Redshift',
      'Amazon Athena', 'Amazon DynamoDB', 'Google Cloud BigQuery', 'Google Cloud SQL',
      'Google Cloud Firestore', 'None', 'Other',
    ],
  },
  {
    code: 'Q30',
    kind: 'single',
    text: 'Which of the following big data products (relational database, data warehouse, data lake, or similar) do you use most often? - Selected Choice',
    choices: [
      'MySQL', 'PostgreSQL', 'SQLite', 'Oracle Database', 'MongoDB', 'Snowflake', 'IBM Db2',
      'Microsoft SQL Server', 'Microsoft Access', 'Microsoft Azure Data Lake Storage', 'Amazon Redshift',
      'Amazon Athena', 'Amazon DynamoDB', 'Google Cloud BigQuery', 'Google Cloud SQL',
      'Google Cloud Firestore', 'None', 'Other',
    ],
  },
  {
    code: 'Q31_A',
    kind: 'multi',
    text: 'Which of the following business intelligence tools do you use on a regular basis? (Select all that apply)',
    choices: [
      'Amazon QuickSight', 'Microsoft Power BI', 'Google Data Studio', 'Looker', 'Tableau', 'Salesforce',
      'Einstein Analytics', 'Qlik', 'Domo', 'TIBCO Spotfire', 'Alteryx', 'Sisense', 'SAP Analytics Cloud',
      'None', 'Other',
    ],
  },
  {
    code: 'Q32',
    kind: 'single',
    text: 'Which of the following business intelligence tools do you use most often? - Selected Choice',
    choices: [
      'Amazon QuickSight', 'Microsoft Power BI', 'Google Data Studio', 'Looker', 'Tableau', 'Salesforce',
      'Einstein Analytics', 'Qlik', 'Domo', 'TIBCO Spotfire', 'Alteryx', 'Sisense', 'SAP Analytics Cloud',
      'None', 'Other',
    ],
  },
  {
    code: 'Q33_A',
    kind: 'multi',
    text: 'Do you use any automated machine learning tools (or partial AutoML tools) on a regular basis?  (Select all that apply)',
    choices: [
      'Automated data augmentation (e.g. imgaug, albumentations)',
      'Automated feature engineering/selection (e.g. tpot, boruta_py)',
      'Automated model selection (e.g. auto-sklearn, xcessiv)',
      'Automated model architecture searches (e.g. darts, enas)',
      'Automated hyperparameter tuning (e.g. hyperopt, ray.tune, Vizier)',
      'Automation of full ML pipelines (e.g. Google AutoML, H20 Driverless AI)', 'No / None', 'Other',
    ],
  },
  {
    code: 'Q34_A',
    kind: 'multi',
    text: 'Which of the following automated machine learning tools (or partial AutoML tools) do you use on a regular basis?  (Select all that apply)',
    choices: [
      'Google Cloud AutoML', 'H20 Driverless AI', 'Databricks AutoML', 'DataRobot AutoML', 'Tpot',
      'Auto-Keras', 'Auto-Sklearn', 'Auto_ml', 'Xcessiv', 'MLbox', 'No / None', 'Other',
    ],
  },
  {
    code: 'Q35_A',
    kind: 'multi',
    text: 'Do you use any tools to help manage machine learning experiments? (Select all that apply)',
    choices: [
      'Neptune.ai', 'Weights & Biases', 'Comet.ml', 'Sacred + Omniboard', 'TensorBoard', 'Guild.ai',
      'Polyaxon', 'Trains', 'Domino Model Monitor', 'No / None', 'Other',
    ],
  },
  {
    code: 'Q36',
    kind: 'multi',
    text: 'Where do you publicly share or deploy your data analysis or machine learning applications? (Select all that apply)',
    choices: [
      'Plotly Dash', 'Streamlit', 'NBViewer', 'GitHub', 'Personal blog', 'Kaggle', 'Colab', 'Shiny',
      'None / I do not share my work publicly', 'Other',
    ],
  },
  {
    code: 'Q37',
    kind: 'multi',
    text: 'On which platforms have you begun or completed data science courses? (Select all that apply)',
    choices: [
      'Coursera', 'edX', 'Kaggle Learn Courses', 'DataCamp', 'Fast.ai', 'Udacity', 'Udemy',
      'LinkedIn Learning', 'Cloud-certification programs (direct from AWS, Azure, GCP, or similar)',
      'University Courses (resulting in a university degree)', 'None', 'Other',
    ],
  },
  {
    code: 'Q38',
    kind: 'single',
    text: 'What is the primary tool that you use at work or school to analyze data? (Include text response) - Selected Choice',
    choices: [
      'Basic statistical software (Microsoft Excel, Google Sheets, etc.)',
      'Advanced statistical software (SPSS, SAS, etc.)',
      'Business intelligence software (Salesforce, Tableau, Spotfire, etc.)',
      'Local development environments (RStudio, JupyterLab, etc.)',
      'Cloud-based data software & APIs (AWS, GCP, Azure, etc.)', 'Other',
    ],
  },
  {
    code: 'Q39',
    kind: 'multi',
    text: 'Who/what are your favorite media sources that report on data science topics? (Select all that apply)',
    choices: [
      'Twitter (data science influencers)', "Email newsletters (Data Elixir, O'Reilly Data & AI, etc)",
      'Reddit (r/machinelearning, etc)', 'Kaggle (notebooks, forums, etc)',
      'Course Forums (forums.fast.ai, Coursera forums, etc)',
      'YouTube (Kaggle YouTube, Cloud AI Adventures, etc)',
      'Podcasts (Chai Time Data Science, O’Reilly Data Show, etc)',
      'Blogs (Towards Data Science, Analytics Vidhya, etc)',
      'Journal Publications (peer-reviewed journals, conference proceedings, etc)',
      'Slack Communities (ods.ai, kagglenoobs, etc)', 'None', 'Other',
    ],
  },
  {
    code: 'Q26_B',
    kind: 'multi',
    text: 'Which of the following cloud computing platforms do you hope to become more familiar with in the next 2 years?',
    choices: [
      'Amazon Web Services (AWS)', 'Microsoft Azure', 'Google Cloud Platform (GCP)', 'IBM Cloud / Red Hat',
      'Oracle Cloud', 'SAP Cloud', 'VMware Cloud', 'Salesforce Cloud', 'Alibaba Cloud', 'Tencent Cloud',
      'None', 'Other',
    ],
  },
  {
    code: 'Q27_B',
    kind: 'multi',
    text: 'In the next 2 years, do you hope to become more familiar with any of these specific cloud computing products? (Select all that apply)',
    choices: [
      'Amazon EC2', 'AWS Lambda', 'Amazon Elastic Container Service', 'Azure Cloud Services',
      'Microsoft Azure Container Instances', 'Azure Functions', 'Google Cloud Compute Engine',
      'Google Cloud Functions', 'Google Cloud Run', 'Google Cloud App Engine', 'None', 'Other',
    ],
  },
  {
    code: 'Q28_B',
    kind: 'multi',
    text: 'In the next 2 years, do you hope to become more familiar with any of these specific machine learning products? (Select all that apply)',
    choices: [
      'Amazon SageMaker', 'Amazon Forecast', 'Amazon Rekognition', 'Azure Machine Learning Studio',
      'Azure Cognitive Services', 'Google Cloud AI Platform / Google Cloud ML Engine', 'Google Cloud Video AI',
      'Google Cloud Natural Language', 'Google Cloud Vision AI', 'None', 'Other',
    ],
  },
  {
    code: 'Q29_B',
    kind: 'multi',
    text: 'Which of the following big data products (relational databases, data warehouses, data lakes, or similar) do you hope to become more familiar with in the next 2 years? (Select all that apply)',
    choices: [
      'MySQL', 'PostgreSQL', 'SQLite', 'Oracle Database', 'MongoDB', 'Snowflake', 'IBM Db2',
      'Microsoft SQL Server', 'Microsoft Access', 'Microsoft Azure Data Lake Storage', 'Amazon Redshift',
      'Amazon Athena', 'Amazon DynamoDB', 'Google Cloud BigQuery', 'Google Cloud SQL',
      'Google Cloud Firestore', 'None', 'Other',
    ],
  },
  {
    code: 'Q31_B',
    kind: 'multi',
    text: 'Which of the following business intelligence tools do you hope to become more familiar with in the next 2 years? (Select all that apply)',
    choices: [
      'Microsoft Power BI', 'Amazon QuickSight', 'Google Data Studio', 'Looker', 'Tableau', 'Salesforce',
      'Einstein Analytics', 'Qlik', 'Domo', 'TIBCO Spotfire', 'Alteryx', 'Sisense', 'SAP Analytics Cloud',
      'None', 'Other',
    ],
  },
  {
    code: 'Q33_B',
    kind: 'multi',
    text: 'Which categories of automated machine learning tools (or partial AutoML tools) do you hope to become more familiar with in the next 2 years?  (Select all that apply)',
    choices: [
      'Automated data augmentation (e.g. imgaug, albumentations)',
      'Automated feature engineering/selection (e.g. tpot, boruta_py)',
      'Automated model selection (e.g. auto-sklearn, xcessiv)',
      'Automated model architecture searches (e.g. darts, enas)',
      'Automated hyperparameter tuning (e.g. hyperopt, ray.tune, Vizier)',
      'Automation of full ML pipelines (e.g. Google Cloud AutoML, H20 Driverless AI)', 'None', 'Other',
    ],
  },
  {
    code: 'Q34_B',
    kind: 'multi',
    text: 'Which specific automated machine learning tools (or partial AutoML tools) do you hope to become more familiar with in the next 2 years?  (Select all that apply)',
    choices: [
      'Google Cloud AutoML', 'H20 Driverless AI', 'Databricks AutoML', 'DataRobot AutoML', 'Tpot',
      'Auto-Keras', 'Auto-Sklearn', 'Auto_ml', 'Xcessiv', 'MLbox', 'None', 'Other',
    ],
  },
  {
    code: 'Q35_B',
    kind: 'multi',
    text: 'In the next 2 years, do you hope to become more familiar with any of these tools for managing ML experiments? (Select all that apply)',
    choices: [
      'Neptune.ai', 'Weights & Biases', 'Comet.ml', 'Sacred + Omniboard', 'TensorBoard', 'Guild.ai',
      'Polyaxon', 'Trains', 'Domino Model Monitor', 'None', 'Other',
    ],
  },
];

/** One CSV column of the layout: its code (row 1), text (row 2) and, for a multi-select part, its choice. */
export interface QuestionnaireColumn {
  readonly code: string;
  readonly text: string;
  readonly question: QuestionnaireQuestion;
  /** Index into `question.choices` for a multi-select column; -1 for a single-choice column. */
  readonly choiceIndex: number;
}

/** The file's columns after the time column, in file order. */
export function surveyColumns(questions: readonly QuestionnaireQuestion[] = QUESTIONNAIRE_2020): QuestionnaireColumn[] {
  const columns: QuestionnaireColumn[] = [];
  for (const question of questions) {
    if (question.kind === 'single') {
      columns.push({ code: question.code, text: question.text, question, choiceIndex: -1 });
      continue;
    }
    const last = question.choices.length - 1;
    if (question.choices[last] !== 'Other') {
      throw new Error(`${question.code}: a multi-select question's last choice must be "Other" (its _OTHER column)`);
    }
    question.choices.forEach((choice, i) => {
      const code = i === last ? `${question.code}_OTHER` : `${question.code}_Part_${i + 1}`;
      columns.push({ code, text: `${question.text} - Selected Choice - ${choice}`, question, choiceIndex: i });
    });
  }
  return columns;
}

const BY_CODE = new Map(QUESTIONNAIRE_2020.map((q) => [q.code, q]));

export function questionByCode(code: string): QuestionnaireQuestion {
  const question = BY_CODE.get(code);
  if (!question) throw new Error(`the 2020 questionnaire has no question ${code}`);
  return question;
}
